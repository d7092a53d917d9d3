import { describe, expect, it } from 'vitest';
import { toPackageName, validateProjectName } from '../../lib/naming.js';

describe('validateProjectName', () => {
  it('accepts plain names and maps them to a package name', () => {
    expect(validateProjectName('my-api')).toBe('my_api');
    expect(validateProjectName('inventory')).toBe('inventory');
    expect(validateProjectName('shop_v2')).toBe('shop_v2');
    expect(toPackageName('a-b-c')).toBe('a_b_c');
    expect(validateProjectName('inventory-and-billing-services')).toBe('inventory_and_billing_services');
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['../escape', /path separator or "\.\."/],
    ['a/b', /path separator/],
    ['a\\b', /path separator/],
    ['..', /path separator or "\.\."/],
    ['My-API', /not valid/],
    ['9lives', /not valid/],
    ['my--api', /not valid/],
    ['api-', /not valid/],
    ['my api', /not valid/],
    ['x'.repeat(31), /longer than 30/],
  ])('refuses %j', (name, message) => {
    expect(() => validateProjectName(name)).toThrow(message);
  });

  it.each(['class', 'import', 'async', 'match'])('refuses the Python keyword %s', (name) => {
    expect(() => validateProjectName(name)).toThrow(/is a Python keyword/);
  });

  it.each(['test', 'json', 'django', 'flask', 'tests', 'rest_framework', 'secrets', 'logging', 'email'])(
    'refuses %s, which would shadow a module the project imports',
    (name) => {
      expect(() => validateProjectName(name)).toThrow(/shadows the module/);
    },
  );

  it('checks the package name, not only the project name', () => {
    expect(() => validateProjectName('rest-framework')).toThrow(/package "rest_framework" that shadows/);
  });
});
