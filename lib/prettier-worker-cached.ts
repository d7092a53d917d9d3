import { fileURLToPath } from 'node:url';
import { runWithCodeCache } from './code-cache.js';

/**
 * The prettier worker as the shipped build runs it: dist/lib/prettier-worker.cjs (the worker and
 * prettier in one CommonJS bundle, scripts/build.mjs) with its compiled code kept between runs
 * (lib/code-cache.ts). Compiling prettier's Markdown and YAML parsers is most of what the worker
 * would otherwise spend before its first file.
 */
const { exports, saveCodeCache } = runWithCodeCache(fileURLToPath(new URL('./prettier-worker.cjs', import.meta.url)));
await (exports as { warmedUp: Promise<void> }).warmedUp;
saveCodeCache();
