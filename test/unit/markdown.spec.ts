import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { alignTables, finishRendered } from '../../lib/markdown.js';

const prettier = (text: string) => format(text, { filepath: 'README.md' });

/** Tables as templates write them: cells apart by one space, delimiter rows of three dashes. */
const tables = [
  '| command | does |\n| --- | --- |\n| `make setup` | creates `.venv` with uv from `uv.lock` |\n| `make test` | the pytest suite |\n',
  '| a | b |\n| - | - |\n| 1 | 2 |\n',
  '| left | centre | right | none |\n| :--- | :---: | ---: | --- |\n| x | a longer cell | 1 | y |\n| a much longer cell | b | 12345 | |\n',
  '| file | holds |\n| --- | --- |\n| `inventory_and_billing_services/__init__.py` | `create_app(config=None)`, the factory |\n| `migrations/` | Alembic revisions |\n',
  '| escaped | pipe |\n| --- | --- |\n| `a \\| b` | c \\| d |\n',
  '| one |\n| --- |\n| a very long single column cell that goes well past eighty columns of text, which prettier still pads |\n',
  '| header only | no body |\n| --- | --- |\n',
];

describe('alignTables', () => {
  it.each(tables.map((table, index) => [index, table]))('pads table %i as prettier does', async (_index, table) => {
    const text = `# Title\n\nA paragraph.\n\n${table}\nAfter.\n`;
    expect(alignTables(text)).toBe(await prettier(text));
    // Already padded: nothing changes.
    expect(alignTables(await prettier(text))).toBe(await prettier(text));
  });

  it('leaves tables in fenced code and text that is no table alone', () => {
    const text = '```md\n| a | b |\n| --- | --- |\n| 1 | 2 |\n```\n\n| not | a table |\nno delimiter row\n\n~~~\n| a |\n| - |\n~~~\n';
    expect(alignTables(text)).toBe(text);
  });

  it('pads every table of a document and keeps CRLF line endings', async () => {
    const text = tables.join('\n');
    expect(alignTables(text)).toBe(await prettier(text));
    expect(alignTables(text.replaceAll('\n', '\r\n'))).toBe((await prettier(text)).replaceAll('\n', '\r\n'));
  });

  it('is applied to rendered Markdown only', () => {
    expect(finishRendered('docs/api/books.md', tables[1]!)).toBe('| a   | b   |\n| --- | --- |\n| 1   | 2   |\n');
    expect(finishRendered('notes.txt', tables[1]!)).toBe(tables[1]);
  });
});
