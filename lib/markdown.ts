/**
 * The Markdown Bulwark writes is laid out as prettier lays it out (its default options), so a
 * generated project passes `prettier --check` without prettier running at generation time.
 * Templates are written that way by hand; the one thing a template cannot do by hand is pad a
 * table whose cells hold a project's names, so tables are padded here, after rendering, the way
 * prettier pads them: each column as wide as its widest cell (at least 3), cells padded on the
 * right (left-aligned) or as the delimiter row's colons say, and the delimiter row as wide as
 * the column. test/unit/markdown.spec.ts and the full-product check (test/e2e/matrix.spec.ts)
 * compare the results with prettier itself.
 *
 * Cell widths are counted in code points: the cells Bulwark writes hold ASCII names and
 * punctuation, never wide (East Asian) characters or emoji, which prettier counts as two.
 */

const DELIMITER_ROW = /^\|(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

type Alignment = 'left' | 'right' | 'center' | 'none';

/** The cells of a table row: split at each `|` not escaped by a backslash, trimmed. */
function cellsOf(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (char === '\\' && index + 1 < line.length) {
      cell += char + line[index + 1];
      index++;
    } else if (char === '|') {
      cells.push(cell.trim());
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell.trim());
  // The leading and trailing pipes leave an empty cell before the first and after the last.
  if (line.trimStart().startsWith('|')) cells.shift();
  if (line.trimEnd().endsWith('|') && !line.trimEnd().endsWith('\\|')) cells.pop();
  return cells;
}

const alignmentOf = (cell: string): Alignment => {
  const left = cell.startsWith(':');
  const right = cell.endsWith(':');
  return left && right ? 'center' : left ? 'left' : right ? 'right' : 'none';
};

const width = (text: string): number => [...text].length;

function padTable(rows: string[][], alignments: Alignment[]): string[] {
  const columns = alignments.length;
  const widths = alignments.map((_, column) => Math.max(3, ...rows.map((row) => width(row[column] ?? ''))));
  const pad = (text: string, column: number): string => {
    const spaces = widths[column]! - width(text);
    const alignment = alignments[column];
    const before = alignment === 'right' ? spaces : alignment === 'center' ? Math.floor(spaces / 2) : 0;
    return ' '.repeat(before) + text + ' '.repeat(spaces - before);
  };
  const line = (row: string[]): string => `| ${row.slice(0, columns).map(pad).join(' | ')} |`;
  const delimiter = alignments.map((alignment, column) => {
    const first = alignment === 'left' || alignment === 'center' ? ':' : '-';
    const last = alignment === 'right' || alignment === 'center' ? ':' : '-';
    return first + '-'.repeat(widths[column]! - 2) + last;
  });
  const [header, ...body] = rows;
  return [line(header!), `| ${delimiter.join(' | ')} |`, ...body.map(line)];
}

/** `text` with every pipe table outside fenced code padded as prettier pads it. */
export function alignTables(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(eol);
  let fence: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    const opening = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (opening !== undefined && opening[0] === fence[0] && opening.length >= fence.length && line.trim() === opening) fence = undefined;
      continue;
    }
    if (opening !== undefined) {
      fence = opening;
      continue;
    }
    if (!line.startsWith('|') || !DELIMITER_ROW.test(lines[index + 1] ?? '')) continue;
    let end = index + 2;
    while (end < lines.length && lines[end]!.startsWith('|')) end++;
    const alignments = cellsOf(lines[index + 1]!).map(alignmentOf);
    const header = cellsOf(line);
    // GFM reads a header with another number of cells than the delimiter row as no table.
    if (header.length !== alignments.length) continue;
    // A body row keeps the cells it has, up to the header's number (GFM drops the rest).
    const rows = [header, ...lines.slice(index + 2, end).map((row) => cellsOf(row).slice(0, alignments.length))];
    lines.splice(index, end - index, ...padTable(rows, alignments));
    index = end - 1;
  }
  return lines.join(eol);
}

/** A rendered template's text as it is written: Markdown with its tables padded, anything else as it is. */
export const finishRendered = (destination: string, text: string): string => (destination.endsWith('.md') ? alignTables(text) : text);
