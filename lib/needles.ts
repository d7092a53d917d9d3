import { BulwarkError } from './errors.js';

/**
 * Needles are comment lines the base templates leave where features may add code later:
 * `# bulwark-needle-<name>` in Python, TOML, YAML and env files, `<!-- bulwark-needle-<name> -->` in Markdown.
 * New content goes above the needle, indented like it, so the needle stays for the next feature.
 */
const needlePattern = (needle: string): RegExp =>
  new RegExp(`^([ \\t]*)(?:#|//|<!--)[ \\t]*bulwark-needle-${needle}(?:[ \\t].*)?$`, 'gm');

const squash = (text: string): string => text.replace(/\s+/g, '');

/**
 * Returns `content` with `addition` inserted above the needle, or unchanged when the addition is
 * already there (compared without whitespace, so reformatting does not make it insert twice).
 */
export function insertAtNeedle(content: string, needle: string, addition: string, file = 'the file'): string {
  if (squash(content).includes(squash(addition))) return content;
  const matches = [...content.matchAll(needlePattern(needle))];
  if (matches.length !== 1) {
    const problem = matches.length === 0 ? 'no longer has' : 'has more than one';
    throw new BulwarkError(
      `${file} ${problem} the marker "bulwark-needle-${needle}", so Bulwark cannot add to it safely. Restore exactly one such comment line where new entries belong, then run the command again.`,
    );
  }
  const [match] = matches as [RegExpExecArray];
  const indent = match[1] ?? '';
  const eol = content.includes('\r\n') ? '\r\n' : '\n';
  const block = addition
    .split(/\r?\n/)
    .map((line) => (line === '' ? line : indent + line))
    .join(eol);
  if (match[0].trimStart().startsWith('<!--') && LIST_ITEM.test(addition)) return insertListItem(content, match.index, block, eol);
  return content.slice(0, match.index) + block + eol + content.slice(match.index);
}

const LIST_ITEM = /^[-*+] /;

/**
 * A Markdown list item goes where prettier would keep it: at the end of the list that ends just
 * above the needle (before the blank line that separates the list from the needle's comment), or,
 * when the needle follows something else (the section's first item), as a new list between blank
 * lines. Either way the list stays tight and the file stays as prettier formats it.
 */
function insertListItem(content: string, index: number, block: string, eol: string): string {
  const above = content.slice(0, index).split(eol);
  above.pop(); // the empty string after the newline that ends the line above the needle
  let end = above.length;
  while (end > 0 && above[end - 1]!.trim() === '') end--;
  let start = end;
  while (start > 0 && above[start - 1]!.trim() !== '') start--;
  const lines = LIST_ITEM.test(above[start] ?? '')
    ? [...above.slice(0, end), block, ...above.slice(end)]
    : [...above.slice(0, end), ...(end > 0 ? [''] : []), block, ''];
  return lines.join(eol) + eol + content.slice(index);
}
