/**
 * The shipped bin is a bundle (scripts/build.mjs): one file holding the CLI, the generators and
 * Yeoman, with a few of Yeoman's unused dependencies stubbed, and `--help` answered from a
 * manifest. None of that may change what Bulwark does. This compares the shipped build with the
 * plain TypeScript build of the same checkout (every module loaded from node_modules as
 * published): the same files, byte for byte and mode for mode, and the same help, version and
 * usage errors.
 */
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../lib/paths.js';
import { BIN, listTree, runCli, scratchDir } from '../support/cli.js';
import { run } from '../support/processes.js';

/** Every file below `dir` with its mode and contents. */
function snapshotTree(dir: string): Map<string, { mode: number; contents: Buffer }> {
  const files = new Map<string, { mode: number; contents: Buffer }>();
  for (const path of listTree(dir).filter((entry) => !entry.endsWith('/'))) {
    files.set(path, { mode: statSync(join(dir, path)).mode, contents: readFileSync(join(dir, path)) });
  }
  return files;
}

describe('the bundled bin against the plain TypeScript build', () => {
  let plainBin: string;

  beforeAll(async () => {
    const built = await run('bash', [join(packageRoot, 'scripts', 'dev-build.sh'), mkdtempSync(join(tmpdir(), 'bulwark-plain-')), '--plain'], {
      cwd: packageRoot,
    });
    plainBin = built.stdout.trim();
  });

  it('the build is what this test thinks it is', () => {
    expect(readFileSync(BIN.replace(/bulwark\.js$/, 'main.js'), 'utf8')).toMatch(/node_modules\/yeoman-environment\//);
    expect(readFileSync(plainBin.replace(/bulwark\.js$/, 'main.js'), 'utf8')).toMatch(/from 'yeoman-environment'/);
  });

  it.each([
    ['the default project', ['new', 'same-api', '--defaults', '--skip-install', '--skip-git']],
    ['a project with no optional feature', ['new', 'same-api', '--defaults', '--features', '', '--skip-install', '--skip-git']],
  ])('%s is the same, byte for byte', async (_case, args) => {
    const fromBundle = scratchDir('bulwark-bundle-run-');
    const fromPlain = scratchDir('bulwark-plain-run-');
    const [bundled, plain] = await Promise.all([runCli(args, fromBundle), runCli(args, fromPlain, {}, plainBin)]);
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(plain.status, plain.stderr).toBe(0);
    expect(bundled.stdout).toBe(plain.stdout);
    expect(bundled.stderr).toBe(plain.stderr);
    const [a, b] = [snapshotTree(join(fromBundle, 'same-api')), snapshotTree(join(fromPlain, 'same-api'))];
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect([...a.keys()]).toContain('README.md');
    for (const [path, file] of a) {
      const other = b.get(path)!;
      expect(file.mode.toString(8), path).toBe(other.mode.toString(8));
      expect(file.contents.equals(other.contents), `${path} differs`).toBe(true);
    }
  });

  it('honours a .yo-resolve file as the plain build does (the bundle remembers folders without one)', async () => {
    const runs = await Promise.all(
      [BIN, plainBin].map(async (bin) => {
        const dir = scratchDir('bulwark-yo-resolve-');
        writeFileSync(join(dir, '.yo-resolve'), '**/README.md skip\n');
        const result = await runCli(['new', 'resolved-api', '--defaults', '--features', '', '--skip-install', '--skip-git'], dir, {}, bin);
        expect(result.status, result.stderr).toBe(0);
        return listTree(join(dir, 'resolved-api'));
      }),
    );
    expect(runs[0]).not.toContain('README.md');
    expect(runs[0]).toContain('SECURITY.md');
    expect(runs[0]).toEqual(runs[1]);
  });

  it('loads nothing from node_modules, --help included', async () => {
    // A module hook that logs every module and CommonJS file the process loads.
    const dir = scratchDir('bulwark-modules-');
    const log = join(dir, 'modules.log');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + '\\n'); return next(url, context); }`,
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register, createRequire } from 'node:module';
import { appendFileSync } from 'node:fs';
register('./hooks.mjs', import.meta.url);
const require = createRequire(import.meta.url);
process.on('exit', () => appendFileSync(${JSON.stringify(log)}, Object.keys(require.cache).join('\\n') + '\\n'));`,
    );
    const loaded = async (args: string[]): Promise<string[]> => {
      writeFileSync(log, '');
      const result = await runCli(args, dir, { NODE_OPTIONS: `--import ${pathToFileURL(join(dir, 'register.mjs')).href}` });
      expect(result.status, result.stderr).toBe(0);
      return readFileSync(log, 'utf8')
        .split('\n')
        .filter((url) => url.includes('/node_modules/'))
        .map((url) => url.replace(/.*\/node_modules\//, ''));
    };
    const fromNew = await loaded(['new', 'modules-api', '--defaults', '--skip-install', '--skip-git']);
    expect(fromNew).toEqual([]);
    expect(await loaded(['--help'])).toEqual([]);
  });

  it('writes JSON, YAML and Markdown as the prettier CLI formats them (prettier --check finds nothing to change)', async () => {
    // No prettier runs when Bulwark writes: templates are written as prettier formats them,
    // tables padded by lib/markdown.ts and .yo-rc.json printed by lib/json-format.ts.
    const dir = scratchDir('bulwark-prettier-');
    for (const args of [
      ['new', 'pretty-django', '--defaults', '--skip-install', '--skip-git'],
      ['new', 'pretty-flask', '--framework', 'flask', '--auth', 'session', '--defaults', '--skip-install', '--skip-git'],
    ]) {
      const made = await runCli(args, dir);
      expect(made.status, made.stderr).toBe(0);
    }
    const files = ['pretty-django', 'pretty-flask'].flatMap((project) =>
      listTree(join(dir, project))
        .filter((path) => /\.(json|ya?ml|md)$/.test(path))
        .map((path) => join(project, path)),
    );
    expect(files).toEqual(expect.arrayContaining(['pretty-django/README.md', 'pretty-flask/.yo-rc.json', 'pretty-django/compose.yaml']));
    const checked = await run(process.execPath, [join(packageRoot, 'node_modules', 'prettier', 'bin', 'prettier.cjs'), '--check', ...files], { cwd: dir });
    expect(checked.stdout).toContain('All matched files use Prettier code style!');
  });

  it.each([['--help'], ['-h'], ['new --help'], ['help new'], ['help'], ['--version'], ['-V'], ['new --frobnicate'], ['frobnicate --help']])(
    '`bulwark %s` says the same',
    async (argv) => {
      const args = argv.split(' ');
      const [bundled, plain] = await Promise.all([runCli(args, scratchDir()), runCli(args, scratchDir(), {}, plainBin)]);
      expect(bundled).toEqual(plain);
    },
  );
});
