import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import AppGenerator from '../../generators/app/index.js';
import ResourceGenerator from '../../generators/resource/index.js';
import { generatorPath } from '../../lib/paths.js';
import { listTree, scratchDir } from '../support/cli.js';
import { addFeatures } from '../support/generators.js';

const create = async (framework: 'django' | 'flask', features = 'catalog') => {
  const result = await helpers
    .run<AppGenerator>(AppGenerator, { resolved: generatorPath('app'), namespace: 'bulwark:app' })
    .cd(scratchDir('bulwark-resource-'))
    .withArguments(['demo-api'])
    .withOptions({ defaults: true, skipGit: true, skipInstall: true, framework, features });
  return join(result.cwd, 'demo-api');
};

const resource = (project: string, name: string, fields: string, options: Record<string, unknown> = {}) =>
  helpers
    .run<ResourceGenerator>(ResourceGenerator, { resolved: generatorPath('resource'), namespace: 'bulwark:resource' }, { force: false })
    .cd(project)
    .withArguments([name])
    .withOptions({ skipInstall: true, fields, ...options });

const read = (project: string, file: string) => readFileSync(join(project, file), 'utf8');
const snapshotOf = (project: string) => new Map(listTree(project).filter((f) => !f.endsWith('/')).map((f) => [f, read(project, f)]));
const stored = (project: string) => JSON.parse(read(project, '.yo-rc.json'))['generator-bulwark'].resources;

describe('bulwark:resource (bulwark resource), Django', () => {
  it('writes an app with its model, migration, API, tests and docs, and wires it in', async () => {
    const project = await create('django');
    const before = new Set(snapshotOf(project).keys());
    await resource(project, 'Review', 'body:text,rating:int,published:date,book:fk:Book');
    const added = [...snapshotOf(project).keys()].filter((file) => !before.has(file)).sort();
    expect(added).toEqual([
      'demo_api/reviews/__init__.py',
      'demo_api/reviews/apps.py',
      'demo_api/reviews/migrations/0001_initial.py',
      'demo_api/reviews/migrations/__init__.py',
      'demo_api/reviews/models.py',
      'demo_api/reviews/serializers.py',
      'demo_api/reviews/urls.py',
      'demo_api/reviews/views.py',
      'docs/api/reviews.md',
      'tests/factories.py',
      'tests/reviews/__init__.py',
      'tests/reviews/conftest.py',
      'tests/reviews/test_api.py',
      'tests/reviews/test_migrations.py',
      'tests/reviews/test_queries.py',
    ]);
    expect(read(project, 'demo_api/settings/base.py')).toMatch(/"demo_api\.reviews",\n\s+# bulwark-needle-installed-apps/);
    expect(read(project, 'demo_api/urls.py')).toContain('path("api/v1/", include("demo_api.reviews.urls")),');
    expect(read(project, 'README.md')).toContain('`/api/v1/reviews/`');
    const models = read(project, 'demo_api/reviews/models.py');
    expect(models).toContain('SELECT_RELATED = ["book"]');
    expect(models).toMatch(/book = models\.ForeignKey\(Book, on_delete=models\.PROTECT, related_name="reviews"\)/);
    const migration = read(project, 'demo_api/reviews/migrations/0001_initial.py');
    expect(migration).toContain('("catalog", "0001_initial"),');
    expect(migration).toContain('to="catalog.book"');
    expect(read(project, 'demo_api/reviews/views.py')).toContain('permission_classes = [RolePermission]');
    expect(read(project, 'tests/reviews/test_queries.py')).toContain('PREFETCHES = 0');
    expect(stored(project)).toEqual([{ name: 'Review', fields: 'body:text,rating:int,published:date,book:fk:Book', plural: 'reviews' }]);
  });

  it('relates a later resource to an earlier one and to users, on their latest migrations', async () => {
    const project = await create('django');
    await resource(project, 'Review', 'body:text,book:fk:Book');
    writeFileSync(join(project, 'demo_api/reviews/migrations/0002_more.py'), 'dependencies = [("reviews", "0001_initial")]\n');
    await resource(project, 'Shelf', 'name:str,reviews:m2m:Review,owner:fk:User,editor:fk:User');
    const migration = read(project, 'demo_api/shelves/migrations/0001_initial.py');
    expect(migration).toContain('migrations.swappable_dependency(settings.AUTH_USER_MODEL),');
    expect(migration).toContain('("reviews", "0002_more"),');
    expect(migration).toContain('related_name="shelves_as_owner", to=settings.AUTH_USER_MODEL');
    const models = read(project, 'demo_api/shelves/models.py');
    expect(models).toContain('Prefetch("reviews", queryset=Review.objects.only("id").order_by("id"))');
    expect(read(project, 'tests/shelves/test_queries.py')).toContain('PREFETCHES = 1');
    expect(stored(project).map((entry: { name: string }) => entry.name)).toEqual(['Review', 'Shelf']);
  });

  it('changes nothing when the same resource is made again', async () => {
    const project = await create('django');
    await resource(project, 'Review', 'body:text,book:fk:Book');
    const before = snapshotOf(project);
    const again = await resource(project, 'Review', 'body:text, book:fk:Book');
    expect(snapshotOf(project)).toEqual(before);
    expect(again.askedQuestions).toEqual([]);
  });

  it.each([
    ['Review', 'body:int', /already has the resource Review, made with --fields "body:text,book:fk:Book"/],
    ['Book', 'title:str', /already has a model named "Book"/],
    ['shelf', 'name:str', /not in CapWords/],
    ['Shelf', 'name:string', /unknown type "string"/],
    ['Shelf', 'name:str,name:text', /given twice/],
    ['Shelf', 'owner:fk:Customer', /"Customer", which is not a model of this project/],
  ])('refuses %s --fields %j and writes nothing', async (name, fields, message) => {
    const project = await create('django');
    await resource(project, 'Review', 'body:text,book:fk:Book');
    const before = snapshotOf(project);
    await expect(resource(project, name, fields)).rejects.toThrow(message);
    expect(snapshotOf(project)).toEqual(before);
  });

  it('names the module, table and URL with English plurals, or with --plural', async () => {
    const project = await create('django');
    await resource(project, 'BookShelf', 'label:str');
    await resource(project, 'Staff', 'name:str,shelf:fk:BookShelf', { plural: 'staff' });
    expect(read(project, 'demo_api/urls.py')).toContain('include("demo_api.book_shelves.urls")');
    expect(read(project, 'demo_api/staff/urls.py')).toContain('/api/v1/staff/');
    expect(read(project, 'demo_api/staff/models.py')).toContain('related_name="staff"');
    expect(stored(project)).toEqual([
      { name: 'BookShelf', fields: 'label:str', plural: 'book_shelves' },
      { name: 'Staff', fields: 'name:str,shelf:fk:BookShelf', plural: 'staff' },
    ]);
    const before = snapshotOf(project);
    // The same again, with or without --plural, changes nothing; another plural is refused.
    await resource(project, 'Staff', 'name:str,shelf:fk:BookShelf', { plural: 'staff' });
    await resource(project, 'Staff', 'name:str,shelf:fk:BookShelf');
    expect(snapshotOf(project)).toEqual(before);
    await expect(resource(project, 'Staff', 'name:str,shelf:fk:BookShelf', { plural: 'staffs' })).rejects.toThrow(/made with --fields .* --plural staff/);
    await expect(resource(project, 'Person', 'name:str', { plural: 'People' })).rejects.toThrow(/--plural "People" is not a lowercase snake_case name/);
    expect(snapshotOf(project)).toEqual(before);
  });

  it('refuses a catalog model in a project without the catalog', async () => {
    const project = await create('django', '');
    await expect(resource(project, 'Review', 'book:fk:Book')).rejects.toThrow(/Known models: User\./);
  });

  it('never overwrites a file of the user\'s: it refuses before writing', async () => {
    const project = await create('django');
    mkdirSync(join(project, 'docs/api'), { recursive: true });
    writeFileSync(join(project, 'docs/api/reviews.md'), 'my notes\n');
    const before = snapshotOf(project);
    await expect(resource(project, 'Review', 'body:text')).rejects.toThrow(/docs\/api\/reviews\.md already exists/);
    expect(snapshotOf(project)).toEqual(before);
  });

  it('refuses when tests/factories.py is a file of the user\'s', async () => {
    const project = await create('django');
    writeFileSync(join(project, 'tests/factories.py'), 'import factory\n');
    await expect(resource(project, 'Review', 'body:text')).rejects.toThrow(/tests\/factories\.py already exists and is not the helper/);
    expect(read(project, 'tests/factories.py')).toBe('import factory\n');
  });

  it('keeps the user\'s edits in the files it adds to', async () => {
    const project = await create('django');
    const settings = join(project, 'demo_api/settings/base.py');
    writeFileSync(settings, read(project, 'demo_api/settings/base.py').replace('TIME_ZONE = "UTC"', 'TIME_ZONE = "UTC"  # ours'));
    const result = await resource(project, 'Review', 'body:text');
    expect(read(project, 'demo_api/settings/base.py')).toContain('TIME_ZONE = "UTC"  # ours');
    expect(result.askedQuestions).toEqual([]);
  });

  it('refuses outside a Bulwark project', async () => {
    await expect(resource(scratchDir('bulwark-empty-'), 'Review', 'body:text')).rejects.toThrow(/is not a Bulwark project/);
  });
});

describe('bulwark:resource (bulwark resource), Flask', () => {
  it('writes a blueprint package and an Alembic revision on the current head', async () => {
    const project = await create('flask');
    await resource(project, 'Review', 'body:text,rating:int,book:fk:Book,genres:m2m:Genre');
    expect(read(project, 'migrations/versions/reviews_0001.py')).toMatch(/down_revision = "catalog_0001"/);
    expect(read(project, "demo_api/__init__.py")).toMatch(/reviews\.init_app\(app\)\n\s+# bulwark-needle-blueprints/);
    const queries = read(project, 'demo_api/reviews/queries.py');
    expect(queries).toContain('joinedload(Review.book, innerjoin=True),\n        defaultload(Review.book).load_only(Book.id, Book.title),');
    expect(queries).toContain('selectinload(Review.genres),\n        defaultload(Review.genres).load_only(Genre.id, Genre.name),');
    expect(read(project, 'demo_api/api.py')).toContain('def resolve(');
    await resource(project, 'Shelf', 'name:str,review:fk:Review,owner:fk:User');
    expect(read(project, 'migrations/versions/shelves_0001.py')).toMatch(/down_revision = "reviews_0001"/);
    expect(read(project, 'demo_api/shelves/queries.py')).toContain('lazyload(User.roles)');
  });

  it('records each view for the OpenAPI document when the project has describe.py, and only then', async () => {
    const project = await create('flask');
    const describe = join(project, 'demo_api/describe.py');
    rmSync(describe, { force: true });
    await resource(project, 'Review', 'body:text,book:fk:Book');
    expect(read(project, 'demo_api/reviews/views.py')).not.toContain('describe');
    writeFileSync(describe, '"""Stands in for the describe.py of the base."""\n');
    await resource(project, 'Shelf', 'name:str,reviews:m2m:Review');
    const views = read(project, 'demo_api/shelves/views.py');
    expect(views).toContain('from ..describe import Page, describe');
    expect(views).toContain('@describe("Shelves, newest first", query=(PageQuery,), responses={200: Page[ShelfOut]})');
    expect(views).toContain('@describe("Delete a shelf", responses={204: None}, errors=(409,))');
    expect(read(project, 'demo_api/shelves/schemas.py')).toMatch(/class ReviewSummaryForShelf\(BaseModel\):\n    id: int\n/);
  });

  it('brings the base\'s validation.py to a project made before the base had it, and leaves an existing one alone', async () => {
    const project = await create('flask');
    const base = read(project, 'demo_api/validation.py');
    rmSync(join(project, 'demo_api/validation.py'));
    await resource(project, 'Review', 'body:text');
    expect(read(project, 'demo_api/validation.py')).toBe(base);
    expect(read(project, 'demo_api/api.py')).toContain('from . import validation');
    // The user's own version stays as it is.
    writeFileSync(join(project, 'demo_api/validation.py'), `${base}\n# edited\n`);
    await resource(project, 'Tag', 'label:str');
    expect(read(project, 'demo_api/validation.py')).toBe(`${base}\n# edited\n`);
  });

  it('refuses when the revisions have two heads', async () => {
    const project = await create('flask');
    writeFileSync(join(project, 'migrations/versions/9999_other.py'), 'revision = "other"\ndown_revision = "0002"\n');
    const before = snapshotOf(project);
    await expect(resource(project, 'Review', 'body:text')).rejects.toThrow(/2 head revisions \(catalog_0001, other\).*flask db merge heads/);
    expect(snapshotOf(project)).toEqual(before);
  });
});

describe('what new, add and resource write', () => {
  // No prettier runs when Bulwark writes (lib/markdown.ts, lib/json-format.ts, lib/needles.ts):
  // the files come out as prettier formats them, and stay so as features and resources are added.
  it.each(['django', 'flask'] as const)('stays as prettier formats it (%s)', async (framework) => {
    const { format } = await import('prettier');
    const project = await create(framework, 'catalog');
    await addFeatures(project, ['cors', 'sentry']);
    await resource(project, 'Review', 'body:text,rating:int,published:date,score:decimal,book:fk:Book,genres:m2m:Genre');
    await resource(project, 'Tag', 'label:str');
    const files = [...snapshotOf(project)].filter(([file]) => /\.(json|ya?ml|md)$/.test(file));
    expect(files.map(([file]) => file)).toEqual(expect.arrayContaining(['.yo-rc.json', 'README.md', 'docs/api/reviews.md', 'docs/api/tags.md']));
    for (const [file, text] of files) expect(await format(text, { filepath: join(project, file) }), file).toBe(text);
    expect(read(project, 'README.md')).toMatch(/\n- \*\*CORS\*\*[^\n]*\n- \*\*Sentry\*\*[^\n]*\n- \*\*Reviews\*\*[^\n]*\n- \*\*Tags\*\*[^\n]*\n\n<!-- bulwark-needle-readme-features -->\n$/);
  });
});
