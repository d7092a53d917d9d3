/**
 * Child-process helpers for end-to-end tests: run commands to completion, start
 * long-running servers and wait for their TCP port, pick free ports.
 *
 * Every child is spawned with `detached: true`, i.e. as the leader of its own
 * process group (and session), and is tracked until its group is gone. Signals are
 * sent to the whole group (`kill(-pid)`), so grandchildren (gunicorn workers,
 * `make` recipes, PostgreSQL backends) go with their parent. When the test process
 * exits, or receives SIGINT/SIGTERM/SIGHUP, every tracked group still alive is
 * SIGKILLed, so no child outlives the test run.
 *
 * Node built-ins only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

// --------------------------------------------------------------------------- tracking

const liveGroups = new Set<number>();

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ESRCH') return false; // group already gone
    if (code === 'EPERM') {
      // Should not happen (we are root, or the children are ours) but never throw here.
      return false;
    }
    throw error;
  }
}

/** State letter and process group of a pid from /proc (Linux), or undefined when gone. */
function procStat(pid: number): { state: string; pgrp: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ..." — comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '?', pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/**
 * True while the process exists and is not a zombie. (Orphans killed by us are
 * re-parented to PID 1, which may take a while to reap them.)
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const st = procStat(pid);
  if (st) return st.state !== 'Z' && st.state !== 'X';
  return !fs.existsSync('/proc/self/stat'); // no /proc: trust kill(0)
}

/** True when at least one live (non-zombie) process of the group still exists. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return true; // no /proc: trust kill(0)
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const st = procStat(Number(entry));
    if (st && st.pgrp === pgid && st.state !== 'Z' && st.state !== 'X') return true;
  }
  return false;
}

const cleanupDirs = new Set<string>();

/**
 * A sidecar that outlives us by a moment: it is told (over its stdin) which process
 * groups and folders we own, and when its stdin closes — we exited, even by SIGKILL —
 * it SIGKILLs those groups and removes those folders.
 */
const REAPER_SCRIPT = `
const fs = require('node:fs');
const groups = new Set(), dirs = new Set();
let buf = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  buf += d;
  let i;
  while ((i = buf.indexOf('\\n')) >= 0) {
    const line = buf.slice(0, i); buf = buf.slice(i + 1);
    const op = line[0], kind = line[1], arg = line.slice(3);
    const set = kind === 'g' ? groups : dirs;
    if (op === '+') set.add(arg); else set.delete(arg);
  }
});
const reap = () => {
  for (const g of groups) { try { process.kill(-Number(g), 'SIGKILL'); } catch {} }
  setTimeout(() => {
    for (const d of dirs) { try { fs.rmSync(d, { recursive: true, force: true }); } catch {} }
    process.exit(0);
  }, groups.size ? 500 : 0);
};
process.stdin.on('end', reap);
process.stdin.on('error', reap);
process.on('SIGTERM', () => {}); process.on('SIGINT', () => {}); process.on('SIGHUP', () => {});
`;

let reaper: ChildProcess | undefined;
function tellReaper(line: string): void {
  try {
    if (!reaper) {
      reaper = spawn(process.execPath, ['-e', REAPER_SCRIPT], { stdio: ['pipe', 'ignore', 'ignore'], detached: true });
      reaper.on('error', () => {});
      reaper.stdin!.on('error', () => {});
      reaper.unref();
      (reaper.stdin as unknown as { unref?: () => void }).unref?.();
    }
    reaper.stdin!.write(line + '\n');
  } catch {
    // best effort: the exit hooks still run in all but the SIGKILL case
  }
}

function track(pgid: number): void {
  liveGroups.add(pgid);
  tellReaper(`+g ${pgid}`);
}

function untrack(pgid: number): void {
  if (liveGroups.delete(pgid)) tellReaper(`-g ${pgid}`);
}

/** Remove `dir` when the test process ends, however it ends (unless untracked first). */
export function removeOnExit(dir: string): void {
  installExitHooks();
  cleanupDirs.add(dir);
  tellReaper(`+d ${dir}`);
}

/** Forget a folder registered with removeOnExit (after removing it yourself). */
export function forgetOnExit(dir: string): void {
  if (cleanupDirs.delete(dir)) tellReaper(`-d ${dir}`);
}

/** SIGKILL every process group this module started that may still be alive. */
export function killAllChildren(): void {
  for (const pgid of liveGroups) {
    signalGroup(pgid, 'SIGKILL');
    untrack(pgid);
  }
}

function onExit(): void {
  killAllChildren();
  for (const dir of cleanupDirs) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // best effort
    }
  }
  cleanupDirs.clear();
}

let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', onExit);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const handler = (): void => {
      onExit();
      // If nobody else handles this signal, restore the default action and re-raise it,
      // so that the process still dies the way it would have without us.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, handler);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, handler);
  }
}

// --------------------------------------------------------------------------- env / output

/** Extra environment for a child: merged over process.env; `undefined` removes a key. */
export type EnvPatch = Record<string, string | undefined>;

function buildEnv(patch: EnvPatch | undefined, inherit = true): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = inherit ? { ...process.env } : {};
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Keeps at most `limit` characters, dropping the oldest (no maxBuffer failure). */
class OutputBuffer {
  private chunks: string[] = [];
  private size = 0;
  private dropped = 0;
  constructor(private readonly limit: number) {}
  push(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      const first = this.chunks.shift()!;
      this.size -= first.length;
      this.dropped += first.length;
    }
  }
  toString(): string {
    const body = this.chunks.join('');
    return this.dropped > 0 ? `[... ${this.dropped} earlier characters dropped ...]\n${body}` : body;
  }
}

/** The last `lines` lines (and at most `chars` characters) of a text. */
export function tail(text: string, lines = 60, chars = 8000): string {
  let out = text.split('\n').slice(-lines).join('\n');
  if (out.length > chars) out = '…' + out.slice(-chars);
  return out;
}

function describe(cmd: string, args: readonly string[]): string {
  const quote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [cmd, ...args].map(quote).join(' ');
}

// --------------------------------------------------------------------------- run

export interface RunOptions {
  cwd?: string;
  /** Merged over process.env; a value of `undefined` removes the variable. */
  env?: EnvPatch;
  /** Do not inherit process.env (only `env` is passed). Default false. */
  cleanEnv?: boolean;
  /** Text written to stdin (stdin is otherwise /dev/null). */
  input?: string;
  /** Kill the command (whole process group) after this long. Default 15 minutes. */
  timeoutMs?: number;
  /** Resolve instead of throwing on a non-zero exit. Default false. */
  allowFailure?: boolean;
  /** Run as this uid/gid (only meaningful when we are root). */
  uid?: number;
  gid?: number;
  /** Also echo the child's output to this process's stdout/stderr (debugging). */
  echo?: boolean;
}

export interface RunResult {
  command: string;
  /** Exit code, or null when killed by a signal. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order. */
  output: string;
  durationMs: number;
  timedOut: boolean;
}

export class CommandError extends Error {
  readonly command: string;
  readonly cwd: string | undefined;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly timedOut: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly output: string;
  constructor(result: RunResult, cwd: string | undefined) {
    const how = result.timedOut
      ? `timed out after ${result.durationMs} ms`
      : result.signal
        ? `was killed by ${result.signal}`
        : `exited with code ${result.exitCode}`;
    super(
      `Command ${how}: ${result.command}\n` +
        (cwd ? `  cwd: ${cwd}\n` : '') +
        `--- stdout (tail) ---\n${tail(result.stdout)}\n--- stderr (tail) ---\n${tail(result.stderr)}`,
    );
    this.name = 'CommandError';
    this.command = result.command;
    this.cwd = cwd;
    this.exitCode = result.exitCode;
    this.signal = result.signal;
    this.timedOut = result.timedOut;
    this.stdout = result.stdout;
    this.stderr = result.stderr;
    this.output = result.output;
  }
}

const RUN_BUFFER_LIMIT = 32 * 1024 * 1024;

/**
 * Run a command to completion (no shell). Throws CommandError carrying the command,
 * exit code and the tail of stdout/stderr when it fails, times out or cannot start.
 */
export function run(cmd: string, args: readonly string[] = [], options: RunOptions = {}): Promise<RunResult> {
  installExitHooks();
  const command = describe(cmd, args);
  const started = Date.now();
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  return new Promise<RunResult>((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn(cmd, [...args], {
        cwd: options.cwd,
        env: buildEnv(options.env, !options.cleanEnv),
        stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
        detached: true,
        uid: options.uid,
        gid: options.gid,
      });
    } catch (error) {
      reject(new Error(`Cannot start ${command}: ${(error as Error).message}`));
      return;
    }
    const stdout = new OutputBuffer(RUN_BUFFER_LIMIT);
    const stderr = new OutputBuffer(RUN_BUFFER_LIMIT);
    const both = new OutputBuffer(RUN_BUFFER_LIMIT);
    child.stdout!.setEncoding('utf8');
    child.stderr!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      stdout.push(d);
      both.push(d);
      if (options.echo) process.stdout.write(d);
    });
    child.stderr!.on('data', (d: string) => {
      stderr.push(d);
      both.push(d);
      if (options.echo) process.stderr.write(d);
    });
    if (options.input !== undefined) {
      child.stdin!.on('error', () => {}); // EPIPE when the child does not read stdin
      child.stdin!.end(options.input);
    }
    const pgid = child.pid;
    if (pgid !== undefined) track(pgid);

    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pgid !== undefined) signalGroup(pgid, 'SIGKILL');
    }, timeoutMs);

    let settled = false;
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pgid !== undefined) {
        // Leftovers in the group (backgrounded grandchildren) must not outlive the command.
        signalGroup(pgid, 'SIGKILL');
        untrack(pgid);
      }
      const result: RunResult = {
        command,
        exitCode,
        signal,
        stdout: stdout.toString(),
        stderr: stderr.toString(),
        output: both.toString(),
        durationMs: Date.now() - started,
        timedOut,
      };
      if ((exitCode === 0 && !timedOut) || (options.allowFailure && !timedOut)) resolve(result);
      else reject(new CommandError(result, options.cwd));
    };

    child.on('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (pgid !== undefined) untrack(pgid);
      const hint = (error as NodeJS.ErrnoException).code === 'ENOENT' ? ' (command not found, or cwd does not exist)' : '';
      reject(new Error(`Cannot start ${command}${hint}: ${error.message}`));
    });
    // 'exit' then give the pipes a moment to drain; do not wait on 'close' forever,
    // since a backgrounded grandchild may hold the pipes open.
    child.on('exit', (code, signal) => {
      let done = false;
      const complete = (): void => {
        if (done) return;
        done = true;
        finish(code, signal);
      };
      child.on('close', complete);
      setTimeout(complete, 2000).unref();
    });
  });
}

// --------------------------------------------------------------------------- ports

const handedOut = new Set<number>();

/** A TCP port on `host` (default 127.0.0.1) that was free a moment ago. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = net.createServer();
      server.unref();
      server.on('error', reject);
      server.listen({ port: 0, host, exclusive: true }, () => {
        const address = server.address();
        const p = typeof address === 'object' && address ? address.port : 0;
        server.close(() => resolve(p));
      });
    });
    // Do not hand out the same port twice in one test process.
    if (port > 0 && !handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`freePort: could not find a free port on ${host}`);
}

/** True when something accepts TCP connections on host:port right now. */
export function isPortOpen(port: number, host = '127.0.0.1', timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (open: boolean): void => {
      socket.removeAllListeners();
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface WaitForPortOptions {
  host?: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** Give up early when this returns a reason (e.g. "process exited with code 1"). */
  abort?: () => string | undefined;
}

/** Poll until host:port accepts a TCP connection; rejects on timeout or abort. */
export async function waitForPort(port: number, options: WaitForPortOptions = {}): Promise<void> {
  const host = options.host ?? '127.0.0.1';
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const reason = options.abort?.();
    if (reason) throw new Error(`${host}:${port} never opened: ${reason}`);
    if (await isPortOpen(port, host)) return;
    if (Date.now() > deadline) throw new Error(`${host}:${port} did not accept connections within ${options.timeoutMs ?? 60_000} ms`);
    await sleep(options.intervalMs ?? 100);
  }
}

/** Poll until nothing accepts TCP connections on host:port. */
export async function waitForPortClosed(port: number, host = '127.0.0.1', timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await isPortOpen(port, host)) {
    if (Date.now() > deadline) throw new Error(`${host}:${port} still accepts connections after ${timeoutMs} ms`);
    await sleep(100);
  }
}

// --------------------------------------------------------------------------- servers

export interface StartServerOptions {
  cwd?: string;
  /** Merged over process.env; a value of `undefined` removes the variable. */
  env?: EnvPatch;
  cleanEnv?: boolean;
  /** TCP port the server will listen on; startServer waits until it accepts connections. */
  port: number;
  host?: string;
  /** How long to wait for the port (and `ready`). Default 60 s. */
  readyTimeoutMs?: number;
  /** Extra readiness probe, polled after the port opened, until it returns true. */
  ready?: () => Promise<boolean>;
  /** Signal for a graceful stop. Default SIGTERM. */
  stopSignal?: NodeJS.Signals;
  /** How long stop() waits after stopSignal before SIGKILL. Default 10 s. */
  stopGraceMs?: number;
  uid?: number;
  gid?: number;
  /** Also echo the server's output to this process's stdout/stderr (debugging). */
  echo?: boolean;
  /** Name used in error messages. Default: the command. */
  name?: string;
}

export interface ServerHandle {
  readonly pid: number;
  readonly port: number;
  /** Everything the server printed so far (stdout and stderr interleaved; last 8 MiB). */
  output(): string;
  /** Exit code / signal once the server has exited; undefined while it runs. */
  exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | undefined;
  /** Resolves when the server process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Send a signal to the server's whole process group. */
  signal(sig: NodeJS.Signals): void;
  /** stopSignal to the process group, SIGKILL after the grace period. Idempotent. */
  stop(): Promise<void>;
}

const SERVER_BUFFER_LIMIT = 8 * 1024 * 1024;

/**
 * Spawn a long-running server (own process group), collect its output and wait until
 * `port` accepts TCP connections (and `ready()` returns true, if given). Fails with the
 * captured output if the process exits first or the wait times out (and kills it).
 */
export async function startServer(cmd: string, args: readonly string[], options: StartServerOptions): Promise<ServerHandle> {
  installExitHooks();
  const command = describe(cmd, args);
  const name = options.name ?? cmd;
  const host = options.host ?? '127.0.0.1';
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;
  const out = new OutputBuffer(SERVER_BUFFER_LIMIT);

  const child = spawn(cmd, [...args], {
    cwd: options.cwd,
    env: buildEnv(options.env, !options.cleanEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    uid: options.uid,
    gid: options.gid,
  });
  const collect = (stream: NodeJS.WriteStream) => (d: string): void => {
    out.push(d);
    if (options.echo) stream.write(d);
  };
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  child.stdout!.on('data', collect(process.stdout));
  child.stderr!.on('data', collect(process.stderr));

  let status: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const pgid = child.pid;
  if (pgid !== undefined) track(pgid);

  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (error) => {
      spawnError = error;
      status = { code: null, signal: null };
      if (pgid !== undefined) untrack(pgid);
      resolve(status);
    });
    child.on('exit', (code, signal) => {
      status = { code, signal };
      resolve(status);
    });
  });

  let stopping: Promise<void> | undefined;
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  const graceMs = options.stopGraceMs ?? 10_000;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (pgid === undefined) return;
      if (!status) {
        signalGroup(pgid, stopSignal);
        const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      // Stragglers (workers whose master is gone) get no grace.
      if (groupAlive(pgid)) {
        signalGroup(pgid, 'SIGKILL');
        const deadline = Date.now() + 5000;
        while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
      }
      untrack(pgid);
    })();
    return stopping;
  };

  const handle: ServerHandle = {
    pid: pgid ?? -1,
    port: options.port,
    output: () => out.toString(),
    exitStatus: () => status,
    exited,
    signal: (sig) => {
      if (pgid !== undefined) signalGroup(pgid, sig);
    },
    stop,
  };

  const failure = (why: string): Error =>
    new Error(`${name} failed to start: ${why}\n  command: ${command}\n--- output (tail) ---\n${tail(out.toString(), 80)}`);
  const exitReason = (): string | undefined => {
    if (spawnError) return `could not spawn: ${spawnError.message}`;
    if (status) return status.signal ? `process was killed by ${status.signal}` : `process exited with code ${status.code}`;
    return undefined;
  };

  try {
    const deadline = Date.now() + readyTimeoutMs;
    await waitForPort(options.port, { host, timeoutMs: readyTimeoutMs, abort: exitReason });
    if (options.ready) {
      for (;;) {
        const reason = exitReason();
        if (reason) throw new Error(reason);
        if (await options.ready().catch(() => false)) break;
        if (Date.now() > deadline) throw new Error(`not ready within ${readyTimeoutMs} ms (port is open)`);
        await sleep(100);
      }
    }
    const reason = exitReason();
    if (reason) throw new Error(reason);
  } catch (error) {
    // Give a dying process a moment so its last words are in the output.
    await Promise.race([exited, sleep(200)]);
    await stop();
    throw failure((error as Error).message);
  }
  return handle;
}
