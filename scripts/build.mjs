#!/usr/bin/env node
// Builds dist/: the TypeScript output (what `yo` finds: dist/generators/*/index.js), then the
// bin's two bundles over it, then the help manifest.
//
//   node scripts/build.mjs [--out DIR] [--plain]
//
// --out DIR   build into DIR/dist instead of this checkout's dist/ (scripts/dev-build.sh)
// --plain     TypeScript output only, no bundles: every module loads from node_modules as tsc
//             wrote it. The same code, slower to start; test/e2e/bundle.spec.ts compares the two.
//
// Why bundles: a Node process spends most of a `bulwark new` loading yeoman-environment's
// ~2,000 modules (resolving, reading and compiling each). dist/cli/main.js is one file holding the
// CLI, the generators, Yeoman and their dependencies; dist/cli/help.js answers --help and
// --version with commander alone. docs/benchmarks/generate.md has the profile and the figures.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({ options: { out: { type: 'string' }, plain: { type: 'boolean', default: false } } });
const out = resolve(values.out ?? root);
const dist = join(out, 'dist');
const cli = join(dist, 'cli');

/** Rewrites a dependency's source at build time; fails the build when the text to replace is gone (the dependency changed: look again). */
function patch(file, replacements) {
  return (text) => {
    for (const [pattern, replacement] of replacements) {
      if (!pattern.test(text)) throw new Error(`build: ${file} no longer contains ${pattern}; update the patch in scripts/build.mjs`);
      text = text.replace(pattern, replacement);
    }
    return text;
  };
}

const require = createRequire(join(root, 'package.json'));
const versionOf = (name) => JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;

/**
 * Changes to dependencies' sources, in the bundle only:
 * - reads of a dependency's own package.json next to its source (relative to import.meta.url) do
 *   not survive bundling: the values are written in at build time instead;
 * - yeoman-generator exposes all of lodash as `this._` (legacy API, unused here), which keeps
 *   every lodash module in the bundle;
 * - @yeoman/adapter creates inquirer's prompt module up front: bundle-shims/yeoman-adapter-inquirer.js
 *   creates it on the first question (the file is replaced whole, so it is pinned by its hash);
 * - fdir (under tinyglobby, for mem-fs-editor) looks for an optional picomatch with a require()
 *   relative to its own file, which in the bundle would find another picomatch in node_modules:
 *   it gets the one beside it, as an import, which is what it finds unbundled;
 * - @yeoman/conflicter looks for a .yo-resolve file in every folder from each written file up to
 *   the root, and remembers the folders that have one but not those that do not: a `new` made
 *   ~900 failed stat calls (~15 ms). A folder without one is remembered too (for the run).
 */
const PATCHES = {
  'yeoman-environment/dist/environment-base.js': patch('yeoman-environment/dist/environment-base.js', [
    [/require\('\.\.\/package\.json'\)\.version/, () => JSON.stringify(versionOf('yeoman-environment'))],
  ]),
  'yeoman-environment/dist/module-lookup.js': patch('yeoman-environment/dist/module-lookup.js', [
    [/JSON\.parse\(readFileSync\(join\(PROJECT_ROOT, 'package\.json'\)\)\.toString\(\)\)\.name/, () => JSON.stringify('yeoman-environment')],
  ]),
  'yeoman-generator/dist/generator.js': patch('yeoman-generator/dist/generator.js', [
    [/JSON\.parse\(readFileSync\(pathJoin\(_dirname, '\.\.\/package\.json'\), 'utf8'\)\)/, () => JSON.stringify({ version: versionOf('yeoman-generator') })],
    [/^( *)_ = _;$/m, '$1// bulwark bundle: no `this._` (lodash), see scripts/build.mjs'],
  ]),
  'fdir/dist/index.mjs': patch('fdir/dist/index.mjs', [
    [/^/, 'import __bulwarkPicomatch from "picomatch";\n'],
    [/try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/, 'pm = __bulwarkPicomatch;'],
  ]),
  '@yeoman/conflicter/dist/yo-resolve.js': patch('@yeoman/conflicter/dist/yo-resolve.js', [
    [/(\n( *)catch \{\n\s*\/\/ Ignore errors\n\s*\}\n)(\s*return undefined;)/, '$1$2this.groupedYoResolve.set(folder, null);\n$3'],
  ]),
  '@yeoman/adapter/dist/inquirer.js': replaceWhole('59cd9e7769a1804c9cb951834a733a2d', 'yeoman-adapter-inquirer.js'),
};

/** A dependency's file replaced by one of scripts/bundle-shims, as long as the original is the one the replacement was written for. */
function replaceWhole(md5, shim) {
  return (text, file) => {
    const actual = createHash('md5').update(text).digest('hex');
    if (actual !== md5) throw new Error(`build: ${file} changed (md5 ${actual}); check that scripts/bundle-shims/${shim} still matches it, then update its hash`);
    return readFileSync(join(shims, shim), 'utf8');
  };
}

/** Packages the bundle takes from scripts/bundle-shims instead (its README says why for each). */
const shims = join(root, 'scripts', 'bundle-shims');
const SHIMS = ['fly-import', 'latest-version', 'simple-git', 'read-pkg'];

/** Yeoman's commit (conflicter, .yo-resolve lookup, writing) gets node:fs/promises made synchronous: bundle-shims/fs-promises-sync.js. */
const SYNC_FS_IMPORTERS = [
  'mem-fs-editor/dist/actions/commit-file-async.js',
  '@yeoman/conflicter/dist/conflicter.js',
  '@yeoman/conflicter/dist/yo-resolve.js',
];

async function bundle() {
  const { build } = await import('esbuild');
  const applied = new Set();
  const environmentCommand = join(dirname(require.resolve('yeoman-environment')), 'util', 'command.js');
  await build({
    entryPoints: [join(cli, 'main.js'), join(cli, 'help.js')],
    outdir: cli,
    allowOverwrite: true,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.17',
    // Bundled CommonJS modules call require() for Node's built-ins.
    banner: { js: "import { createRequire as __bulwarkCreateRequire } from 'node:module'; const require = __bulwarkCreateRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'bulwark',
        setup(b) {
          const shimmed = new RegExp(`^(${SHIMS.join('|')})$`);
          b.onResolve({ filter: shimmed }, (args) => ({ path: join(shims, `${args.path}.js`) }));
          b.onResolve({ filter: /^node:fs\/promises$/ }, (args) => {
            const importer = SYNC_FS_IMPORTERS.find((suffix) => args.importer.endsWith(`/node_modules/${suffix}`));
            if (importer === undefined) return undefined;
            applied.add(importer);
            return { path: join(shims, 'fs-promises-sync.js') };
          });
          // help.js needs only YeomanCommand and the environment's options, not the environment.
          b.onResolve({ filter: /^yeoman-environment$/ }, (args) =>
            args.importer === join(cli, 'help.js') ? { path: environmentCommand } : undefined,
          );
          b.onLoad({ filter: /\/node_modules\/(yeoman-environment|yeoman-generator|@yeoman\/adapter|@yeoman\/conflicter|fdir)\/dist\/.*\.m?js$/ }, (args) => {
            const key = Object.keys(PATCHES).find((suffix) => args.path.endsWith(`/node_modules/${suffix}`));
            if (key === undefined) return undefined;
            applied.add(key);
            return { contents: PATCHES[key](readFileSync(args.path, 'utf8'), key), loader: 'js' };
          });
          b.onEnd((result) => {
            const missed = [...Object.keys(PATCHES), ...SYNC_FS_IMPORTERS].filter((key) => !applied.has(key));
            if (result.errors.length === 0 && missed.length > 0) throw new Error(`build: patched files not in the bundle any more: ${missed.join(', ')}`);
          });
        },
      },
    ],
  });
}

/**
 * dist/cli/main.cjs: the ES module bundle above made into one CommonJS file, which the bin runs
 * with V8's code cache (lib/code-cache.ts): on Node 20 (no module compile cache) compiling the
 * bundle is a good part of a run. import.meta.url and import.meta.dirname become the file's own
 * (bundle-shims/import-meta.js).
 */
async function bundleMainCommonJs() {
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(cli, 'main.js')],
    outfile: join(cli, 'main.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20.17',
    inject: [join(shims, 'import-meta.js')],
    define: { 'import.meta.url': '__bulwarkImportMetaUrl', 'import.meta.dirname': '__bulwarkImportMetaDirname' },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/**
 * help.json: each generator's declared options and arguments, recorded from the full CLI as it
 * registers them. The build then checks that the help rebuilt from the manifest is the full
 * CLI's, text for text, for the program and every command.
 */
async function writeHelpManifest() {
  const main = await import(pathToFileURL(join(cli, 'main.js')).href);
  const help = await import(pathToFileURL(join(cli, 'help.js')).href);
  const seen = {};
  const full = await main.buildProgram((command, generator) => {
    seen[command.name] = generator;
  });
  const manifest = help.toManifest(seen);
  const fast = help.programFromManifest(manifest);
  const texts = (program) => [program.helpInformation(), ...program.commands.map((command) => command.helpInformation())];
  const [expected, actual] = [texts(full), texts(fast)];
  if (JSON.stringify(expected) !== JSON.stringify(actual)) {
    throw new Error(`build: the help rebuilt from the manifest differs from the CLI's:\n${expected.join('\n')}\n---\n${actual.join('\n')}`);
  }
  writeFileSync(new URL(help.HELP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], {
  stdio: 'inherit',
});
chmodSync(join(cli, 'bulwark.js'), 0o755);
if (!values.plain) {
  await bundle();
  await bundleMainCommonJs();
  await writeHelpManifest();
}
