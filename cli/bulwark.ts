#!/usr/bin/env node
/**
 * The `bulwark` / `generator-bulwark` bin. It stays small so that it starts fast: the CLI itself
 * (main.js, in the package a single bundle of the CLI, the generators and Yeoman) loads after
 * the compile cache is on, and `--help` / `--version` are answered from help.js, which does not
 * load Yeoman at all. docs/benchmarks/generate.md has the figures.
 */
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the modules loaded from here on in a cache folder
// (NODE_COMPILE_CACHE, else one in the temporary folder), so later runs skip compiling them.
// Node 20 has no such cache.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const mayAskForHelp = process.argv.slice(2).some((arg) => ['-h', '--help', 'help', '-V', '--version'].includes(arg));
if (!(mayAskForHelp && (await import('./help.js')).answerHelp(process.argv))) {
  // Every command writes JSON, YAML or Markdown that prettier formats: start prettier now, in a
  // worker thread, while this thread loads the CLI (see lib/prettier-transform.ts).
  (await import('../lib/prettier-transform.js')).startPrettierWorker();
  const { run } = await import('./main.js');
  await run(process.argv);
}
