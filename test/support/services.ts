/**
 * Throwaway PostgreSQL and Redis instances for end-to-end tests.
 *
 * Each instance lives in its own temp folder, listens on 127.0.0.1 on a free port and
 * is a child process of the test run (its own process group, killed on exit, see
 * processes.ts). System services are never used or touched.
 *
 * PostgreSQL: initdb refuses to run as root, so when the tests run as root, initdb
 * and the server run as the `postgres` system user (spawned with its uid/gid; the
 * folder is chowned to it). The app role authenticates with a password
 * (scram-sha-256) over TCP; the `postgres` superuser can only connect through the
 * Unix socket in the temp folder (trust).
 *
 * Binaries come from `scripts/install-system-deps.sh`. Overrides:
 *   BULWARK_PG_BINDIR       folder holding initdb, postgres, psql, pg_isready
 *   BULWARK_REDIS_SERVER    path of redis-server
 *
 * Node built-ins only.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  forgetOnExit,
  freePort,
  removeOnExit,
  run,
  startServer as startProcess,
  waitForPortClosed,
  type RunResult,
  type ServerHandle,
} from './processes.js';

const INSTALL_HINT = 'run scripts/install-system-deps.sh (as root, or with sudo)';

// --------------------------------------------------------------------------- helpers

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Absolute path of `name` on PATH, or undefined. */
export function which(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

interface SystemUser {
  uid: number;
  gid: number;
  home: string;
}

function lookupUser(name: string): SystemUser | undefined {
  let passwd: string;
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 7) return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '/' };
  }
  return undefined;
}

/** Every ancestor of `dir` must be searchable by "others" for an unprivileged user to reach it. */
function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    try {
      if ((fs.statSync(current).mode & 0o001) === 0) return false;
    } catch {
      return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** A fresh temp folder, removed when the test process ends if nobody removed it before. */
function makeTempDir(prefix: string, forOtherUser: boolean): string {
  let base = os.tmpdir();
  if (forOtherUser && !reachableByOthers(base)) base = '/tmp';
  const dir = fs.mkdtempSync(path.join(base, prefix));
  removeOnExit(dir);
  return dir;
}

function removeTempDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  forgetOnExit(dir);
}

function chownTree(target: string, uid: number, gid: number): void {
  fs.chownSync(target, uid, gid);
  if (fs.statSync(target).isDirectory()) {
    for (const entry of fs.readdirSync(target)) chownTree(path.join(target, entry), uid, gid);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const ADDRESS_IN_USE = /address already in use|could not bind|could not create any TCP\/IP sockets/i;

// --------------------------------------------------------------------------- PostgreSQL

export interface PostgresBinaries {
  bindir: string;
  initdb: string;
  postgres: string;
  pgCtl: string | undefined;
  psql: string;
  pgIsready: string;
  version: number;
}

/**
 * Locate PostgreSQL server binaries: BULWARK_PG_BINDIR, else the newest
 * /usr/lib/postgresql/<N>/bin, else the folder `initdb` on PATH resolves into.
 */
export function findPostgres(): PostgresBinaries {
  const candidates: string[] = [];
  if (process.env.BULWARK_PG_BINDIR) candidates.push(process.env.BULWARK_PG_BINDIR);
  try {
    const versions = fs
      .readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(path.join('/usr/lib/postgresql', v, 'bin'));
  } catch {
    // no Debian-style layout
  }
  const initdbOnPath = which('initdb');
  if (initdbOnPath) candidates.push(path.dirname(fs.realpathSync(initdbOnPath)));

  for (const bindir of candidates) {
    const initdb = path.join(bindir, 'initdb');
    const postgres = path.join(bindir, 'postgres');
    if (!isExecutable(initdb) || !isExecutable(postgres)) continue;
    const psql = [path.join(bindir, 'psql'), which('psql')].find((p): p is string => !!p && isExecutable(p));
    const pgIsready = [path.join(bindir, 'pg_isready'), which('pg_isready')].find((p): p is string => !!p && isExecutable(p));
    if (!psql || !pgIsready) {
      throw new Error(`PostgreSQL client programs (psql, pg_isready) not found next to ${initdb} nor on PATH: ${INSTALL_HINT}`);
    }
    const pgCtl = path.join(bindir, 'pg_ctl');
    const versionDir = /\/postgresql\/(\d+)/.exec(bindir)?.[1];
    return {
      bindir,
      initdb,
      postgres,
      pgCtl: isExecutable(pgCtl) ? pgCtl : undefined,
      psql,
      pgIsready,
      version: versionDir ? Number(versionDir) : 0,
    };
  }
  throw new Error(
    `PostgreSQL server binaries (initdb, postgres) not found ` +
      `(looked in ${candidates.length ? candidates.join(', ') : '/usr/lib/postgresql/*/bin and PATH'}): ${INSTALL_HINT}`,
  );
}

export type PostgresStopMode = 'smart' | 'fast' | 'immediate';

export interface PostgresOptions {
  /** Database name. Default "bulwark". */
  database?: string;
  /** App role name. Default "bulwark". */
  user?: string;
  /** App role password. Default: random. */
  password?: string;
  /** Make the app role a superuser. Default false (it has CREATEDB, owns the database). */
  superuser?: boolean;
  /** max_connections. Default 200. */
  maxConnections?: number;
  /** Extra postgresql.conf lines, e.g. { log_statement: "'all'" } (values verbatim). */
  settings?: Record<string, string | number>;
  /** Startup timeout per start. Default 60 s. */
  readyTimeoutMs?: number;
}

export interface PostgresInstance {
  /** postgres://user:password@127.0.0.1:port/database */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  /** The temp folder (data/, sock/, ...). */
  dir: string;
  dataDir: string;
  /** Unix socket folder; the superuser "postgres" connects here without a password. */
  socketDir: string;
  binaries: PostgresBinaries;
  /** Server log (stderr of the postmaster) since the last start. */
  output(): string;
  /** True while the postmaster runs. */
  running(): boolean;
  /** Run SQL as the app role over TCP with its password (psql -tA); returns stdout. */
  query(sql: string, database?: string): Promise<string>;
  /** Run SQL as the superuser "postgres" over the Unix socket (psql -tA); returns stdout. */
  admin(sql: string, database?: string): Promise<string>;
  /** Stop the server, keep the data. 'fast' (default) aborts sessions; 'immediate' is crash-like. */
  stopServer(mode?: PostgresStopMode): Promise<void>;
  /** Start it again on the same port with the same data. */
  startServer(): Promise<void>;
  /** stopServer(mode) then startServer(). */
  restart(mode?: PostgresStopMode): Promise<void>;
  /** Stop the server and remove the temp folder. Idempotent. */
  stop(): Promise<void>;
}

const STOP_SIGNAL: Record<PostgresStopMode, NodeJS.Signals> = { smart: 'SIGTERM', fast: 'SIGINT', immediate: 'SIGQUIT' };

/** Start a throwaway PostgreSQL cluster; see PostgresInstance. */
export async function startPostgres(options: PostgresOptions = {}): Promise<PostgresInstance> {
  const bin = findPostgres();
  const database = options.database ?? 'bulwark';
  const user = options.user ?? 'bulwark';
  const password = options.password ?? randomBytes(12).toString('hex');
  const host = '127.0.0.1';
  const readyTimeoutMs = options.readyTimeoutMs ?? 60_000;

  let owner: SystemUser | undefined;
  if (isRoot()) {
    owner = lookupUser('postgres');
    if (!owner) throw new Error(`running as root but there is no "postgres" system user to run PostgreSQL as: ${INSTALL_HINT}`);
  }
  const asOwner = owner ? { uid: owner.uid, gid: owner.gid } : {};

  const dir = makeTempDir('bulwark-pg-', !!owner);
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  fs.mkdirSync(socketDir, { mode: 0o700 });
  if (owner) chownTree(dir, owner.uid, owner.gid);

  // The server must not pick up the caller's libpq settings, nor a locale that is not there.
  const serverEnv = {
    LC_ALL: 'C',
    LANG: 'C',
    HOME: dir,
    PGDATA: undefined,
    PGHOST: undefined,
    PGPORT: undefined,
    PGUSER: undefined,
    PGDATABASE: undefined,
    PGPASSWORD: undefined,
  };

  let server: ServerHandle | undefined;
  let port = 0;
  let removed = false;

  const cleanup = (): void => {
    if (removed) return;
    removed = true;
    removeTempDir(dir);
  };

  const writePort = (p: number): void => {
    const conf = path.join(dataDir, 'postgresql.auto.conf');
    // postgresql.auto.conf is read last; rewrite our port line there.
    const existing = fs.existsSync(conf) ? fs.readFileSync(conf, 'utf8').split('\n') : [];
    const lines = existing.filter((l) => l.trim() !== '' && !/^\s*port\s*=/.test(l));
    lines.push(`port = ${p}`);
    fs.writeFileSync(conf, lines.join('\n') + '\n');
    if (owner) fs.chownSync(conf, owner.uid, owner.gid);
  };

  const isReady = async (): Promise<boolean> => {
    const r = await run(bin.pgIsready, ['-q', '-h', host, '-p', String(port), '-d', 'postgres', '-U', 'postgres', '-t', '2'], {
      allowFailure: true,
      timeoutMs: 10_000,
      env: { PGCONNECT_TIMEOUT: '2' },
    });
    return r.exitCode === 0;
  };

  const launch = async (): Promise<void> => {
    server = await startProcess(bin.postgres, ['-D', dataDir], {
      name: 'PostgreSQL',
      cwd: dir,
      env: serverEnv,
      port,
      host,
      readyTimeoutMs,
      ready: isReady,
      stopSignal: 'SIGINT',
      stopGraceMs: 30_000,
      ...asOwner,
    });
  };

  try {
    await run(
      bin.initdb,
      [
        '-D', dataDir,
        '-U', 'postgres',
        '--auth-local=trust',
        '--auth-host=scram-sha-256',
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      { cwd: dir, env: serverEnv, timeoutMs: 120_000, ...asOwner },
    );

    const settings: Record<string, string | number> = {
      listen_addresses: `'${host}'`,
      unix_socket_directories: `'${socketDir}'`,
      max_connections: options.maxConnections ?? 200,
      shared_buffers: "'64MB'",
      // Throwaway data: durability buys nothing here.
      fsync: 'off',
      synchronous_commit: 'off',
      full_page_writes: 'off',
      logging_collector: 'off',
      log_destination: "'stderr'",
      log_line_prefix: "'%m [%p] '",
      ...options.settings,
    };
    fs.appendFileSync(
      path.join(dataDir, 'postgresql.conf'),
      '\n# --- bulwark test settings ---\n' + Object.entries(settings).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n',
    );

    // Pick a port; retry with another one if someone grabbed it in the meantime.
    for (let attempt = 1; ; attempt++) {
      port = await freePort(host);
      writePort(port);
      try {
        await launch();
        break;
      } catch (error) {
        if (attempt < 4 && ADDRESS_IN_USE.test((error as Error).message)) continue;
        throw error;
      }
    }
  } catch (error) {
    await server?.stop();
    cleanup();
    throw error;
  }

  const psqlAsAdmin = (sql: string, db = 'postgres'): Promise<RunResult> =>
    run(bin.psql, ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', db, '-c', sql], {
      env: { PGPASSWORD: undefined, PGSERVICE: undefined, PGOPTIONS: undefined },
      timeoutMs: 120_000,
    });

  const url = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${host}:${port}/${encodeURIComponent(database)}`;
  const ident = (s: string): string => `"${s.replace(/"/g, '""')}"`;
  const literal = (s: string): string => `'${s.replace(/'/g, "''")}'`;

  try {
    await psqlAsAdmin(
      `CREATE ROLE ${ident(user)} LOGIN ${options.superuser ? 'SUPERUSER' : 'NOSUPERUSER'} CREATEDB PASSWORD ${literal(password)}`,
    );
    await psqlAsAdmin(`CREATE DATABASE ${ident(database)} OWNER ${ident(user)}`);
  } catch (error) {
    await server?.stop();
    cleanup();
    throw error;
  }

  let stopped = false;
  const instance: PostgresInstance = {
    url,
    host,
    port,
    user,
    password,
    database,
    dir,
    dataDir,
    socketDir,
    binaries: bin,
    output: () => server?.output() ?? '',
    running: () => !!server && !server.exitStatus(),
    async query(sql, db) {
      const target = db === undefined ? url : url.replace(/\/[^/]*$/, `/${encodeURIComponent(db)}`);
      const r = await run(bin.psql, ['-X', '-q', '-tA', '-v', 'ON_ERROR_STOP=1', '-d', target, '-c', sql], {
        env: { PGPASSWORD: undefined, PGSERVICE: undefined, PGOPTIONS: undefined, PGCONNECT_TIMEOUT: '10' },
        timeoutMs: 120_000,
      });
      return r.stdout.trim();
    },
    async admin(sql, db) {
      return (await psqlAsAdmin(sql, db)).stdout.trim();
    },
    async stopServer(mode = 'fast') {
      if (!server) return;
      const current = server;
      server = undefined;
      if (!current.exitStatus()) {
        current.signal(STOP_SIGNAL[mode]);
        const timer = setTimeout(() => current.signal('SIGQUIT'), 30_000);
        await current.exited;
        clearTimeout(timer);
      }
      await current.stop(); // reaps stragglers, untracks the group
      await waitForPortClosed(port, host, 10_000);
    },
    async startServer() {
      if (stopped) throw new Error('PostgreSQL instance was stopped for good');
      if (server && !server.exitStatus()) return;
      server = undefined;
      await launch();
    },
    async restart(mode = 'fast') {
      await instance.stopServer(mode);
      await instance.startServer();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server?.stop();
        server = undefined;
      } finally {
        cleanup();
      }
    },
  };
  return instance;
}

// --------------------------------------------------------------------------- Redis

export function findRedisServer(): string {
  const candidates = [process.env.BULWARK_REDIS_SERVER, which('redis-server'), '/usr/bin/redis-server', '/usr/local/bin/redis-server'];
  const found = candidates.find((p): p is string => !!p && isExecutable(p));
  if (!found) throw new Error(`redis-server not found (PATH, /usr/bin, /usr/local/bin): ${INSTALL_HINT}`);
  return found;
}

export interface RedisOptions {
  /** Extra redis-server options, e.g. { maxmemory: '64mb' } (passed as --key value). */
  settings?: Record<string, string | number>;
  readyTimeoutMs?: number;
}

export interface RedisInstance {
  /** redis://127.0.0.1:port/0 */
  url: string;
  host: string;
  port: number;
  dir: string;
  output(): string;
  running(): boolean;
  /** Send one command over RESP and return the decoded reply. */
  command(...args: RespArg[]): Promise<RespValue>;
  /** Stop the server (data is lost: no persistence). */
  stopServer(): Promise<void>;
  /** Start it again on the same port. */
  startServer(): Promise<void>;
  restart(): Promise<void>;
  /** Stop the server and remove the temp folder. Idempotent. */
  stop(): Promise<void>;
}

/** Start a throwaway redis-server (no persistence) on 127.0.0.1; see RedisInstance. */
export async function startRedis(options: RedisOptions = {}): Promise<RedisInstance> {
  const redisServer = findRedisServer();
  const host = '127.0.0.1';
  const dir = makeTempDir('bulwark-redis-', false);
  const readyTimeoutMs = options.readyTimeoutMs ?? 30_000;
  let port = 0;
  let server: ServerHandle | undefined;
  let stopped = false;

  const args = (): string[] => {
    const settings: Record<string, string | number> = {
      port,
      bind: host,
      'protected-mode': 'yes',
      save: '',
      appendonly: 'no',
      dir,
      daemonize: 'no',
      logfile: '',
      ...options.settings,
    };
    return Object.entries(settings).flatMap(([k, v]) => [`--${k}`, String(v)]);
  };

  const launch = async (): Promise<void> => {
    server = await startProcess(redisServer, args(), {
      name: 'redis-server',
      cwd: dir,
      port,
      host,
      readyTimeoutMs,
      ready: async () => (await respCommand(port, ['PING'], { host, timeoutMs: 2000 })) === 'PONG',
      stopSignal: 'SIGTERM',
      stopGraceMs: 10_000,
    });
  };

  try {
    for (let attempt = 1; ; attempt++) {
      port = await freePort(host);
      try {
        await launch();
        break;
      } catch (error) {
        if (attempt < 4 && ADDRESS_IN_USE.test((error as Error).message)) continue;
        throw error;
      }
    }
  } catch (error) {
    removeTempDir(dir);
    throw error;
  }

  const instance: RedisInstance = {
    url: `redis://${host}:${port}/0`,
    host,
    port,
    dir,
    output: () => server?.output() ?? '',
    running: () => !!server && !server.exitStatus(),
    command: (...cmd) => respCommand(port, cmd, { host }),
    async stopServer() {
      const current = server;
      server = undefined;
      await current?.stop();
      await waitForPortClosed(port, host, 10_000);
    },
    async startServer() {
      if (stopped) throw new Error('Redis instance was stopped for good');
      if (server && !server.exitStatus()) return;
      await launch();
    },
    async restart() {
      await instance.stopServer();
      await instance.startServer();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server?.stop();
        server = undefined;
      } finally {
        removeTempDir(dir);
      }
    },
  };
  return instance;
}

// --------------------------------------------------------------------------- RESP

export type RespArg = string | number | Buffer;
export type RespValue = string | number | null | RespValue[];

/** A Redis error reply (-ERR ...). */
export class RespError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RespError';
  }
}

function encodeCommand(args: readonly RespArg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const b = Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg), 'utf8');
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** Parses one RESP2/RESP3-basic value at `offset`; returns undefined if more bytes are needed. */
function parseResp(buf: Buffer, offset: number): { value: RespValue | RespError; next: number } | undefined {
  const eol = buf.indexOf('\r\n', offset);
  if (eol < 0) return undefined;
  const type = String.fromCharCode(buf[offset]!);
  const line = buf.toString('utf8', offset + 1, eol);
  const after = eol + 2;
  switch (type) {
    case '+':
      return { value: line, next: after };
    case '-':
      return { value: new RespError(line), next: after };
    case ':':
      return { value: Number(line), next: after };
    case '$': {
      const len = Number(line);
      if (len < 0) return { value: null, next: after };
      if (buf.length < after + len + 2) return undefined;
      return { value: buf.toString('utf8', after, after + len), next: after + len + 2 };
    }
    case '*': {
      const count = Number(line);
      if (count < 0) return { value: null, next: after };
      const items: RespValue[] = [];
      let pos = after;
      for (let i = 0; i < count; i++) {
        const item = parseResp(buf, pos);
        if (!item) return undefined;
        if (item.value instanceof RespError) return { value: item.value, next: item.next };
        items.push(item.value);
        pos = item.next;
      }
      return { value: items, next: pos };
    }
    default:
      throw new Error(`unexpected RESP reply type ${JSON.stringify(type)}`);
  }
}

/**
 * Send commands to Redis over a fresh raw TCP connection (pipelined) and return
 * their replies in order. Error replies become RespError values (not thrown).
 */
export function respPipeline(
  port: number,
  commands: readonly (readonly RespArg[])[],
  options: { host?: string; timeoutMs?: number } = {},
): Promise<(RespValue | RespError)[]> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let buf = Buffer.alloc(0);
    let offset = 0;
    const replies: (RespValue | RespError)[] = [];
    let finished = false;
    const finish = (error?: Error): void => {
      if (finished) return;
      finished = true;
      socket.destroy();
      if (error) reject(error);
      else resolve(replies);
    };
    socket.setTimeout(options.timeoutMs ?? 10_000, () => finish(new Error(`Redis ${host}:${port}: no reply within ${options.timeoutMs ?? 10_000} ms`)));
    socket.on('error', (e) => finish(e));
    socket.on('close', () => finish(new Error(`Redis ${host}:${port}: connection closed after ${replies.length}/${commands.length} replies`)));
    socket.on('connect', () => socket.write(Buffer.concat(commands.map(encodeCommand))));
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      try {
        while (replies.length < commands.length) {
          const parsed = parseResp(buf, offset);
          if (!parsed) break;
          replies.push(parsed.value);
          offset = parsed.next;
        }
      } catch (error) {
        finish(error as Error);
        return;
      }
      if (replies.length === commands.length) finish();
    });
  });
}

/** Send one command to Redis over RESP; throws RespError on an error reply. */
export async function respCommand(
  port: number,
  args: readonly RespArg[],
  options: { host?: string; timeoutMs?: number } = {},
): Promise<RespValue> {
  const [reply] = await respPipeline(port, [args], options);
  if (reply instanceof RespError) throw reply;
  return reply as RespValue;
}

/** Poll `probe` until it resolves true or `timeoutMs` passes. */
export async function eventually(probe: () => Promise<boolean>, timeoutMs = 30_000, intervalMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await sleep(intervalMs);
  }
}
