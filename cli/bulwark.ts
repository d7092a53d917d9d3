#!/usr/bin/env node
/**
 * The `bulwark` / `generator-bulwark` bin. It stays small so that it starts fast: the CLI itself
 * (in the package a single bundle of the CLI, the generators and Yeoman: main.cjs, run with a
 * code cache) loads after the compile cache is on, and `--help` / `--version` are answered from help.js, which does not
 * load Yeoman at all. docs/benchmarks/generate.md has the figures.
 */
import module from 'node:module';
import v8 from 'node:v8';

// A run is over in well under a second, most of it spent running code once: V8's optimising
// compiler (TurboFan) costs more CPU than it saves there (about 15% of a `bulwark new`, measured;
// it compiles on another thread, which on two busy cores is time taken from this run). It stays
// off unless BULWARK_V8_OPT=1; nothing else changes.
if (process.env.BULWARK_V8_OPT !== '1') v8.setFlagsFromString('--no-opt');

// Node 22.1+ keeps V8's compiled code of the modules loaded from here on in a cache folder
// (NODE_COMPILE_CACHE, else one in the temporary folder), so later runs skip compiling them.
// Node 20 has no such cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const mayAskForHelp = process.argv.slice(2).some((arg) => ['-h', '--help', 'help', '-V', '--version'].includes(arg));
if (!(mayAskForHelp && (await import('./help.js')).answerHelp(process.argv))) {
  // The shipped build has the CLI as one CommonJS file too (scripts/build.mjs), run with V8's
  // code cache (lib/code-cache.ts), which Node 20 has for classic scripts only; else main.js.
  const { existsSync } = await import('node:fs');
  const commonJs = new URL('./main.cjs', import.meta.url);
  if (existsSync(commonJs)) {
    const { runWithCodeCache } = await import('../lib/code-cache.js');
    const { fileURLToPath } = await import('node:url');
    const { exports, saveCodeCache } = runWithCodeCache(fileURLToPath(commonJs));
    await (exports as typeof import('./main.js')).run(process.argv);
    saveCodeCache();
  } else {
    const { run } = await import('./main.js');
    await run(process.argv);
  }
}
