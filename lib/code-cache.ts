import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/**
 * Runs a CommonJS file, keeping V8's compiled code of it between runs (what Node 22's
 * module.enableCompileCache does for modules, here for one big bundle on every supported Node).
 * The code is kept in the user's cache folder (`$XDG_CACHE_HOME/bulwark`, else
 * `~/.cache/bulwark`), not in the shared temporary folder, under a name derived from the
 * file's text and Node's version, so a changed file or another Node never reads code it did not
 * make; V8 also checks the source and its own flags before it uses the cache, and compiles from
 * scratch (and the cache is written anew) when they do not match. A cache that cannot be read or
 * written only costs time.
 */
export function runWithCodeCache(file: string): { exports: unknown; saveCodeCache: () => void } {
  const bytes = readFileSync(file);
  // The key is hashed from the bytes: hashing the 3 MB string would encode it to UTF-8 again.
  const cacheFile = cachePath(bytes);
  const source = bytes.toString('utf8');
  let cachedData: Buffer | undefined;
  try {
    cachedData = cacheFile === undefined ? undefined : readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    /** Writes the code compiled so far (call it once the file's usual work has run), if the cache lacked it. */
    saveCodeCache() {
      if (!stale || cacheFile === undefined) return;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
        const partial = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
        renameSync(partial, cacheFile);
      } catch {
        // Read-only home, full disk: the next run compiles again.
      }
    },
  };
}

function cachePath(source: Buffer): string | undefined {
  if (process.env.BULWARK_CODE_CACHE === '0') return undefined;
  const root = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : undefined);
  if (root === undefined) return undefined;
  const key = createHash('sha256')
    .update([process.version, process.arch, process.env.BULWARK_V8_OPT === '1' ? 'opt' : 'no-opt', ''].join('\0'))
    .update(source)
    .digest('hex')
    .slice(0, 32);
  return join(root, 'bulwark', 'v8', `${key}.bin`);
}
