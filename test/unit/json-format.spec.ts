import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { formatJson } from '../../lib/json-format.js';

const stringify = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const prettier = (text: string) => format(text, { filepath: '.yo-rc.json' });

const config = (features: string[], extra: Record<string, unknown> = {}) => ({
  'generator-bulwark': {
    name: 'inventory-and-billing-services',
    packageName: 'inventory_and_billing_services',
    framework: 'flask',
    auth: 'jwt',
    secrets: 'env',
    features,
    generatorVersion: '0.1.0',
    ...extra,
  },
});

describe('formatJson', () => {
  const ids = ['docker', 'github-actions', 'catalog', 'rate-limit', 'lockout', 'cors', 'openapi', 'sentry', 'prometheus'];
  // Every prefix of the list: arrays on one line up to the width, then one element per line.
  const cases: [string, unknown][] = ids.map((_, count) => [`${count} features`, config(ids.slice(0, count))]);
  cases.push(
    ['resources', config(['cors'], { resources: [{ name: 'Book', fields: 'title:str,isbn:str' }, { name: 'Shelf', fields: '' }] })],
    ['nested and scalar values', { a: [[1, 2], [], {}], b: { c: null, d: true, e: 1.5, f: 'quote " and \\ and é' }, g: [null, false, 0] }],
    ['arrays of arrays', { short: [[1, 'a'], ['b', 2]], single: [['a'], ['b']], mixed: [['a', 'b'], {}], deep: [[['x', 'y']]] }],
    ['an array just at the width', { key: ['x'.repeat(66)] }],
    ['an array just over the width', { key: ['x'.repeat(67)] }],
    ['an array followed by a comma at the width', { key: ['x'.repeat(65)], other: 1 }],
  );
  it.each(cases)('prints %s as prettier does', async (_name, value) => {
    const text = stringify(value);
    expect(formatJson(text)).toBe(await prettier(text));
  });
});
