import { basename } from 'node:path';
import { Transform } from 'node:stream';
import type Generator from 'yeoman-generator';

/**
 * JSON as prettier prints a file that JSON.stringify(value, null, 2) wrote (Yeoman writes
 * .yo-rc.json so), without loading prettier: every non-empty object one member per line (prettier
 * keeps an object expanded when its first member starts on a new line, which JSON.stringify's
 * always does), and an array on one line when it holds no such object and fits in 80 columns
 * with what follows it on the line (a comma), else one element per line. Arrays of numbers
 * alone, which prettier fills line by line, are not handled: .yo-rc.json holds none.
 * test/unit/json-format.spec.ts compares it with prettier.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const PRINT_WIDTH = 80;

/** An empty object, or JSON.stringify's one-member-per-line object, which prettier keeps expanded. */
const breaks = (value: Json): boolean => value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0;

/** Prettier's one-line text of a value that holds no non-empty object. */
const flat = (value: Json): string => (Array.isArray(value) ? `[${value.map(flat).join(', ')}]` : value !== null && typeof value === 'object' ? '{}' : JSON.stringify(value));

const holdsObject = (value: Json): boolean => breaks(value) || (Array.isArray(value) && value.some(holdsObject));

/**
 * Prettier breaks an array of two or more arrays (or objects) that each hold two or more
 * elements, however short.
 */
const isMatrix = (value: Json[]): boolean =>
  value.length > 1 &&
  value.every((item) => item !== null && typeof item === 'object' && Array.isArray(item) === Array.isArray(value[0]) && Object.keys(item).length > 1);

function print(value: Json, indent: string, used: number, trailing: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (!holdsObject(value) && !isMatrix(value) && used + flat(value).length + trailing <= PRINT_WIDTH) return flat(value);
    const items = value.map((item, index) => inner + print(item, inner, inner.length, index < value.length - 1 ? 1 : 0));
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const members = entries.map(([key, item], index) => {
    const head = `${inner}${JSON.stringify(key)}: `;
    return head + print(item, inner, head.length, index < entries.length - 1 ? 1 : 0);
  });
  return `{\n${members.join(',\n')}\n${indent}}`;
}

/** `text` (JSON) printed as prettier prints it, with a final newline. */
export function formatJson(text: string): string {
  return `${print(JSON.parse(text) as Json, '', 0, 0)}\n`;
}

interface FileLike {
  path: string;
  contents: Buffer | null;
}

/**
 * Queues, on a generator's commit, the reprinting of .yo-rc.json (which Yeoman writes with
 * JSON.stringify) as prettier prints it, so the file reads the same after `bulwark new`,
 * `bulwark add` and `bulwark resource`, and passes `prettier --check`.
 */
export function formatConfigOnCommit(generator: Generator): void {
  const isConfig = (file: FileLike): boolean => basename(file.path) === '.yo-rc.json' && file.contents !== null;
  generator.queueTransformStream(
    { name: 'bulwark:format-config', disabled: true, filter: isConfig },
    new Transform({
      objectMode: true,
      transform(file: FileLike, _encoding, callback) {
        try {
          if (isConfig(file)) file.contents = Buffer.from(formatJson((file.contents as Buffer).toString('utf8')));
          callback(null, file);
        } catch (error) {
          callback(error as Error);
        }
      },
    }),
  );
}
