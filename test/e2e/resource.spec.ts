/**
 * Issue 7's end-to-end proof of `bulwark add` and `bulwark resource` on a project a team has
 * already changed: for each framework, generate a project with the catalog only, edit a
 * settings file and a view by hand, add two features the project lacks and two resources (one
 * with a foreign key to the catalog, one with every field type, a many-to-many and foreign keys
 * to users and to the first resource), then install and run the project's own make targets.
 * The hand edits must survive, and running the same commands again must change no file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTree, runCli } from '../support/cli.js';
import { run } from '../support/processes.js';
import { generateProject, venvBin } from '../support/project.js';

const REVIEW = ['resource', 'Review', '--fields', 'body:text,rating:int,published:date,book:fk:Book'];
// A resource with no relation at all: its tests import less.
const SHELF = ['resource', 'Shelf', '--fields', 'label:str,capacity:int'];
const READING_LIST = [
  'resource',
  'ReadingList',
  '--fields',
  'name:str,notes:text,budget:decimal,public:bool,starts:datetime,books:m2m:Book,owner:fk:User,review:fk:Review',
];

// Features the project (made with the catalog only) lacks. Django adds its OpenAPI document too,
// whose test builds the schema with --fail-on-warn: the resources must describe themselves.
const ADDED = { django: ['rate-limit', 'cors', 'openapi'], flask: ['rate-limit', 'cors'] } as const;

const EDITS = {
  django: { settings: 'demo_api/settings/base.py', view: 'demo_api/catalog/views.py' },
  flask: { settings: 'demo_api/config.py', view: 'demo_api/catalog/views.py' },
} as const;
const SETTINGS_EDIT = '\n\n\n# Our team: reviewed by the platform group.\nTEAM_SETTING = "kept"\n';
const VIEW_EDIT = '\n\n\n# Our team: a note on the catalog views, kept across bulwark runs.\n';

/** sha256 of every file of the project, except what the tools make as they run. */
function hashes(project: string): Map<string, string> {
  const skip = /(^|\/)(\.venv|\.git|__pycache__|\.pytest_cache|\.ruff_cache)(\/|$)|\.sqlite3$/;
  return new Map(
    listTree(project)
      .filter((file) => !file.endsWith('/') && !skip.test(file))
      .map((file) => [file, createHash('sha256').update(readFileSync(join(project, file))).digest('hex')]),
  );
}

describe.each(['django', 'flask'] as const)('bulwark add and bulwark resource on an edited %s project', (framework) => {
  let project: string;
  const edits = EDITS[framework];
  const bulwark = async (args: readonly string[]) => {
    const result = await runCli(args, project);
    if (result.status !== 0) throw new Error(`bulwark ${args.join(' ')} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    return result.stdout + result.stderr;
  };

  beforeAll(async () => {
    ({ dir: project } = await generateProject('demo-api', ['--framework', framework, '--features', 'catalog', '--defaults']));
    const settings = join(project, edits.settings);
    writeFileSync(settings, readFileSync(settings, 'utf8').trimEnd() + SETTINGS_EDIT);
    const view = join(project, edits.view);
    writeFileSync(view, readFileSync(view, 'utf8').trimEnd() + VIEW_EDIT);
    await bulwark(['add', ...ADDED[framework]]);
    await bulwark(REVIEW);
    await bulwark(READING_LIST);
    await bulwark(SHELF);
  });

  it('recorded the features and the resources', () => {
    const stored = JSON.parse(readFileSync(join(project, '.yo-rc.json'), 'utf8'))['generator-bulwark'];
    expect(stored.features).toEqual(expect.arrayContaining(['catalog', ...ADDED[framework]]));
    expect(stored.resources.map((resource: { name: string }) => resource.name)).toEqual(['Review', 'ReadingList', 'Shelf']);
  });

  it.each(['setup', 'test', 'lint', 'check'])('passes make %s', async (target) => {
    const result = await run('make', [target], { cwd: project, timeoutMs: 15 * 60_000, allowFailure: true });
    expect(result.exitCode, result.output.slice(-6000)).toBe(0);
  });

  it('ran the resources\' own tests, query counts included', async () => {
    const result = await run(venvBin(project, 'pytest'), ['-q', 'tests/reviews', 'tests/reading_lists'], { cwd: project, allowFailure: true });
    expect(result.exitCode, result.output.slice(-4000)).toBe(0);
    expect(result.stdout).toMatch(/\d+ passed/);
    expect(result.stdout).not.toMatch(/skipped|failed/);
  });

  it('has migrations that match the models', async () => {
    if (framework === 'django') {
      const result = await run(venvBin(project, 'python'), ['manage.py', 'makemigrations', '--check', '--dry-run'], { cwd: project, allowFailure: true });
      expect(result.exitCode, result.output).toBe(0);
    } else {
      // tests/test_migrations.py upgrades an empty database and compares it with the models: run it alone too.
      const result = await run(venvBin(project, 'pytest'), ['-q', 'tests/test_migrations.py'], { cwd: project, allowFailure: true });
      expect(result.exitCode, result.output).toBe(0);
      const versions = listTree(join(project, 'migrations', 'versions')).filter((file) => file.endsWith('.py'));
      expect(versions).toEqual(expect.arrayContaining(['reviews_0001.py', 'reading_lists_0001.py']));
      expect(readFileSync(join(project, 'migrations/versions/reading_lists_0001.py'), 'utf8')).toContain('down_revision = "reviews_0001"');
    }
  });

  it('kept the hand edits', () => {
    expect(readFileSync(join(project, edits.settings), 'utf8')).toContain(SETTINGS_EDIT.trim());
    expect(readFileSync(join(project, edits.view), 'utf8')).toContain(VIEW_EDIT.trim());
  });

  it('changes no file when the same add and resources run again', async () => {
    const before = hashes(project);
    expect(await bulwark(['add', ...ADDED[framework]])).toMatch(/Nothing to add/);
    expect(await bulwark(REVIEW)).toMatch(/Nothing to do/);
    expect(await bulwark(READING_LIST)).toMatch(/Nothing to do/);
    expect(await bulwark(SHELF)).toMatch(/Nothing to do/);
    expect(hashes(project)).toEqual(before);
  });

  it('refuses a resource that would clash, writing nothing', async () => {
    const before = hashes(project);
    const result = await runCli(['resource', 'Review', '--fields', 'body:int'], project);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/already has the resource Review/);
    const unknown = await runCli(['resource', 'Note', '--fields', 'text:str,user:fk:Customer'], project);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/"Customer", which is not a model of this project/);
    expect(hashes(project)).toEqual(before);
  });
});
