import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped CLI: tests run the build, as users do (`npm test` builds first). BULWARK_BIN points
 * at another build (scripts/dev-build.sh) when several people work in one checkout.
 */
export const BIN = process.env.BULWARK_BIN ?? fileURLToPath(new URL('../../dist/cli/bulwark.js', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bulwark` with no terminal (stdin closed), as CI and scripts do. */
export function runCli(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}, bin = BIN): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 600_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export const scratchDir = (prefix = 'bulwark-'): string => mkdtempSync(join(tmpdir(), prefix));

/** Every path below `dir`, relative, sorted. */
export const listTree = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1) + (entry.isDirectory() ? '/' : ''))
    .sort();
