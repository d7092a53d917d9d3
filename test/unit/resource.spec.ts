import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesRoot } from '../../lib/paths.js';
import {
  alembicHead,
  knownModels,
  leafMigration,
  legacyPlural,
  normaliseFields,
  parseFields,
  pluralise,
  readStoredResources,
  RESERVED_MODULES,
  resolveRelations,
  resourceNames,
  validateResourceName,
} from '../../lib/resource.js';
import { hasTestsSection, pyCall, pyImports, splitTestsSection } from '../../lib/resource-render.js';

const django = knownModels(['catalog'], [{ name: 'Review', fields: 'body:text,book:fk:Book' }], 'django');

describe('parseFields', () => {
  it('reads scalar and relation fields, spaces allowed', () => {
    expect(parseFields('body:text, rating:int ,book:fk:Book,tags:m2m:Genre')).toEqual([
      { name: 'body', type: 'text' },
      { name: 'rating', type: 'int' },
      { name: 'book', type: 'fk', model: 'Book' },
      { name: 'tags', type: 'm2m', model: 'Genre' },
    ]);
    expect(normaliseFields(' body:text , book:fk:Book')).toBe('body:text,book:fk:Book');
  });

  it.each([
    ['', /No fields given/],
    ['body', /has no type/],
    ['body:', /has no type/],
    ['body:txt', /unknown type "txt".*str, text, int, decimal, bool, date, datetime, fk:<Model>, m2m:<Model>/],
    ['body:text,,rating:int', /empty entry/],
    ['body:text,', /empty entry/],
    ['body:text,body:int', /"body" is given twice/],
    ['Body:text', /not valid.*snake_case/],
    ['my-field:int', /not valid/],
    ['a__b:int', /not valid/],
    ['class:str', /Python keyword/],
    ['id:int', /used by the generated model/],
    ['objects:str', /used by the generated model/],
    ['model_name:str', /used by the generated model/],
    ['book:fk', /needs the related model.*book:fk:<Model>/],
    ['book:fk:', /needs the related model/],
    ['body:text:extra', /too many parts/],
    ['book:fk:Book,book_id:int', /clash/],
  ])('refuses %j', (spec, message) => {
    expect(() => parseFields(spec)).toThrow(message);
  });
});

describe('validateResourceName', () => {
  it('gives the module, URL and title names', () => {
    expect(validateResourceName('BookReview', 'django', django)).toEqual({
      name: 'BookReview',
      snake: 'book_review',
      plural: 'book_reviews',
      urlSegment: 'book-reviews',
      title: 'Book reviews',
    });
    expect(resourceNames('Category').plural).toBe('categories');
    expect(resourceNames('HTTPStatus').snake).toBe('http_status');
    expect(pluralise('box')).toBe('boxes');
    expect(pluralise('day')).toBe('days');
    // English exceptions, by the last word of the name.
    expect(resourceNames('BookShelf').plural).toBe('book_shelves');
    expect(resourceNames('Person').urlSegment).toBe('people');
    expect(resourceNames('News').plural).toBe('news');
    expect(resourceNames('Staff', 'staff').title).toBe('Staff');
  });

  it('names resources made before the plural was kept as they were named then', () => {
    expect(legacyPlural('book_shelf')).toBe('book_shelfs');
    const models = knownModels([], [{ name: 'Person', fields: 'name:str' }, { name: 'BookShelf', fields: 'label:str', plural: 'shelving' }], 'django');
    expect(models.get('Person')?.module).toBe('persons');
    expect(models.get('BookShelf')?.module).toBe('shelving');
  });

  it.each(['Shelves', 'book-shelves', '_shelves', 'shelves_', 'book__shelves', '1shelves', 'x'.repeat(41)])('refuses --plural %s', (plural) => {
    expect(() => validateResourceName('Shelf', 'django', django, plural)).toThrow(/--plural .* is not a lowercase snake_case name/);
  });

  it('refuses a plural that names a module the project has', () => {
    expect(() => validateResourceName('Thing', 'django', django, 'accounts')).toThrow(/module "accounts".*another plural with --plural/);
  });

  it('refuses a stored plural that is not a snake_case name', () => {
    expect(() => readStoredResources([{ name: 'Shelf', fields: 'label:str', plural: '../x' }])).toThrow(/"resources" must be a list/);
    expect(readStoredResources([{ name: 'Shelf', fields: 'label:str', plural: 'shelves' }, { name: 'Tag', fields: 'label:str' }])).toHaveLength(2);
  });

  it.each([
    ['', /empty/],
    ['review', /not in CapWords/],
    ['Book_Review', /not in CapWords/],
    ['Book-Review', /not a Python identifier/],
    ['9Lives', /not a Python identifier/],
    ['None', /Python keyword/],
    ['API', /all capitals/],
    ['Book', /already has a model named "Book" \(the catalog\)/],
    ['Review', /already has a model named "Review" \(an earlier resource\)/],
    ['User', /already has a model named "User"/],
    ['Account', /module "accounts"/],
    ['Session', /already has a model/],
  ])('refuses %j', (name, message) => {
    expect(() => validateResourceName(name, 'django', django)).toThrow(message);
  });

  it('refuses the models of the other framework only where they exist', () => {
    const flask = knownModels([], [], 'flask');
    expect(() => validateResourceName('Role', 'flask', flask)).toThrow(/already has a model/);
    expect(() => validateResourceName('Book', 'flask', flask)).not.toThrow();
  });
});

describe('resolveRelations', () => {
  it('finds users, catalog models and earlier resources', () => {
    const related = resolveRelations(parseFields('by:fk:User,book:fk:Book,review:m2m:Review'), 'Shelf', django);
    expect([...related.values()].map((model) => [model.name, model.source])).toEqual([
      ['User', 'users'],
      ['Book', 'catalog'],
      ['Review', 'resource'],
    ]);
    expect(related.get('review')?.display).toBeUndefined();
  });

  it('refuses an unknown model, naming the known ones, and a relation to itself', () => {
    expect(() => resolveRelations(parseFields('book:fk:Book'), 'Shelf', knownModels([], [], 'django'))).toThrow(
      /"Book", which is not a model of this project. Known models: User\. Make that resource first/,
    );
    expect(() => resolveRelations(parseFields('parent:fk:Shelf'), 'Shelf', django)).toThrow(/relates Shelf to itself/);
  });
});

describe('leafMigration', () => {
  it('is the migration no other one depends on', () => {
    const files = new Map([
      ['0001_initial', 'dependencies = []'],
      ['0002_more', 'dependencies = [("catalog", "0001_initial")]'],
      ['0003_even_more', 'dependencies = [\n        ("catalog", "0002_more"),\n        ("accounts", "0003_x"),\n    ]'],
    ]);
    expect(leafMigration('catalog', files)).toBe('0003_even_more');
  });

  it('is undefined with two leaves or none', () => {
    const files = new Map([
      ['0001_initial', ''],
      ['0002_a', '("catalog", "0001_initial")'],
      ['0002_b', '("catalog", "0001_initial")'],
    ]);
    expect(leafMigration('catalog', files)).toBeUndefined();
    expect(leafMigration('catalog', new Map())).toBeUndefined();
  });
});

describe('alembicHead', () => {
  const revision = (id: string, down: string) => `"""x"""\nrevision = "${id}"\ndown_revision = ${down}\n`;

  it('follows the revision graph to its one head', () => {
    expect(alembicHead([revision('0002', '"0001"'), revision('0001', 'None'), revision('catalog_0001', '"0002"')])).toBe('catalog_0001');
    expect(alembicHead([revision('a', 'None'), revision('b', '"a"'), revision('c', '"a"'), revision('m', '("b", "c")')])).toBe('m');
  });

  it('refuses two heads or none, saying how to merge', () => {
    expect(() => alembicHead([revision('a', 'None'), revision('b', '"a"'), revision('c', '"a"')])).toThrow(/2 head revisions \(b, c\).*flask db merge heads/);
    expect(() => alembicHead([])).toThrow(/no head revision/);
  });
});

describe('Python layout helpers', () => {
  it('keeps a call on one line when it fits, else one item per line with a trailing comma', () => {
    expect(pyCall(4, 'x = f(', ['a', 'b'])).toBe('    x = f(a, b)');
    const long = pyCall(4, 'x = f(', ['a'.repeat(60), 'b'.repeat(60)]);
    expect(long.split('\n')).toEqual(['    x = f(', `        ${'a'.repeat(60)},`, `        ${'b'.repeat(60)},`, '    )']);
  });

  it('gives tests.* imports their own section when the project configures one', () => {
    const firstParty = [{ module: 'demo_api.reviews.models', names: ['Review'] }, { module: 'tests.factories', names: ['make'] }];
    expect(pyImports(...splitTestsSection([firstParty], false))).toBe('from demo_api.reviews.models import Review\nfrom tests.factories import make');
    expect(pyImports(...splitTestsSection([firstParty], true))).toBe('from demo_api.reviews.models import Review\n\nfrom tests.factories import make');
    expect(hasTestsSection('[tool.ruff.lint.isort.sections]\ntests = ["tests"]\n')).toBe(true);
    expect(hasTestsSection('[tool.ruff.lint]\nselect = ["E"]\n')).toBe(false);
  });

  it('sorts imports as ruff (isort) does: plain imports first, relative ones furthest first, constants before classes', () => {
    expect(
      pyImports(
        [{ module: 'decimal', names: ['Decimal'] }, { module: 'datetime' }],
        [{ module: '.models', names: ['Review'] }, { module: '..api', names: ['valid', 'MAX_ID', 'InvalidInput'] }, { module: '.', names: ['queries'] }],
      ),
    ).toBe('import datetime\nfrom decimal import Decimal\n\nfrom ..api import MAX_ID, InvalidInput, valid\nfrom . import queries\nfrom .models import Review');
  });
});

describe('RESERVED_MODULES', () => {
  it('holds every module a template puts in the project package', () => {
    const modules = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.name === '_pkg_') {
          for (const child of readdirSync(path)) modules.add(child.replace(/\.py(\.ejs)?$/, ''));
        } else if (entry.isDirectory()) walk(path);
      }
    };
    walk(templatesRoot);
    const expected = [...modules].filter((name) => /^[a-z][a-z0-9_]*$/.test(name));
    expect(expected.length).toBeGreaterThan(20);
    expect(expected.filter((name) => !RESERVED_MODULES.has(name))).toEqual([]);
  });
});
