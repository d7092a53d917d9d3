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
 * Reads of a dependency's own package.json next to its source (relative to import.meta.url) do not
 * survive bundling: the values are written in at build time instead.
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
  ]),
};

/**
 * fly-import installs generators from npm on the fly (`yo` installing a missing generator); it
 * pulls in npm's arborist, pacote and sigstore, about 900 modules. No bulwark command installs
 * generators, so the bundle gets a stand-in that says so if it is ever reached.
 */
const FLY_IMPORT_STUB = `
const refuse = () => { throw new Error('bulwark does not install Yeoman generators; use yo for that'); };
export class FlyRepository {
  constructor(options = {}) { this.repositoryPath = options.repositoryPath; }
  install() { refuse(); }
  verifyInstalledVersion() { refuse(); }
  resolvePackagePath() { refuse(); }
}
export const flyImport = async () => refuse();
`;

async function bundle() {
  const { build } = await import('esbuild');
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
    // Prettier loads only when a JSON, YAML or Markdown file is written, from node_modules as published.
    external: ['prettier'],
    // Bundled CommonJS modules call require() for Node's built-ins.
    banner: { js: "import { createRequire as __bulwarkCreateRequire } from 'node:module'; const require = __bulwarkCreateRequire(import.meta.url);" },
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [
      {
        name: 'bulwark',
        setup(b) {
          b.onResolve({ filter: /^fly-import$/ }, () => ({ path: 'fly-import', namespace: 'bulwark-stub' }));
          b.onLoad({ filter: /.*/, namespace: 'bulwark-stub' }, () => ({ contents: FLY_IMPORT_STUB, loader: 'js' }));
          // help.js needs only YeomanCommand and the environment's options, not the environment.
          b.onResolve({ filter: /^yeoman-environment$/ }, (args) =>
            args.importer === join(cli, 'help.js') ? { path: environmentCommand } : undefined,
          );
          b.onLoad({ filter: /\/node_modules\/(yeoman-environment|yeoman-generator)\/dist\/.*\.js$/ }, (args) => {
            const key = Object.keys(PATCHES).find((suffix) => args.path.endsWith(`/node_modules/${suffix}`));
            return key === undefined ? undefined : { contents: PATCHES[key](readFileSync(args.path, 'utf8')), loader: 'js' };
          });
        },
      },
    ],
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
  await writeHelpManifest();
}
