/**
 * The throwaway PostgreSQL / Redis instances and process helpers that the other
 * end-to-end tests stand on. Needs scripts/install-system-deps.sh to have run.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandError, freePort, groupAlive, isPortOpen, processAlive, run, startServer } from '../support/processes.js';
import { RespError, respPipeline, startPostgres, startRedis, type PostgresInstance, type RedisInstance } from '../support/services.js';

describe('throwaway PostgreSQL', () => {
  let pg: PostgresInstance;
  let startedInMs = 0;

  beforeAll(async () => {
    const t0 = Date.now();
    pg = await startPostgres();
    startedInMs = Date.now() - t0;
    console.log(`PostgreSQL ${pg.binaries.version} started in ${startedInMs} ms on port ${pg.port}`);
  });

  afterAll(async () => {
    await pg?.stop();
  });

  it('gives a postgres:// URL with user and password on 127.0.0.1', () => {
    expect(pg.url).toBe(`postgres://${pg.user}:${pg.password}@127.0.0.1:${pg.port}/${pg.database}`);
    expect(pg.password.length).toBeGreaterThanOrEqual(16);
  });

  it('answers SELECT 1 through psql with the URL (password auth over TCP)', async () => {
    const r = await run(pg.binaries.psql, ['-X', '-tA', '-d', pg.url, '-c', 'SELECT 1']);
    expect(r.stdout.trim()).toBe('1');
    expect(await pg.query('SELECT current_user || \'@\' || current_database()')).toBe(`${pg.user}@${pg.database}`);
    // Really over TCP, with scram-sha-256.
    expect(await pg.query("SELECT inet_server_addr()::text || ' ' || inet_server_port()")).toBe(`127.0.0.1/32 ${pg.port}`);
  });

  it('rejects a wrong password', async () => {
    const bad = pg.url.replace(`:${pg.password}@`, ':wrong-password@');
    const err = await run(pg.binaries.psql, ['-X', '-tA', '-d', bad, '-c', 'SELECT 1']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).stderr).toMatch(/password authentication failed/);
  });

  it('lets the app role create databases (Django creates test_<name>)', async () => {
    await pg.query('CREATE DATABASE scratch_db');
    expect(await pg.query('SELECT 42', 'scratch_db')).toBe('42');
    await pg.query('DROP DATABASE scratch_db');
  });

  it('keeps data across a restart and comes back on the same port', async () => {
    await pg.query('CREATE TABLE survives (v text); INSERT INTO survives VALUES (\'still here\')');
    const pidBefore = await pg.admin('SELECT pg_postmaster_start_time()');
    const t0 = Date.now();
    await pg.restart();
    console.log(`PostgreSQL restart (fast) took ${Date.now() - t0} ms`);
    expect(await pg.query('SELECT v FROM survives')).toBe('still here');
    expect(await pg.admin('SELECT pg_postmaster_start_time()')).not.toBe(pidBefore);
  });

  it('survives a crash-like (immediate) restart, and open sessions are cut', async () => {
    // A session that is busy when the server goes down must fail, not hang.
    const busy = pg.query('SELECT pg_sleep(30)').then(
      () => 'finished',
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 500));
    const t0 = Date.now();
    await pg.restart('immediate');
    console.log(`PostgreSQL restart (immediate, with crash recovery) took ${Date.now() - t0} ms`);
    const outcome = await busy;
    expect(outcome).toBeInstanceOf(CommandError);
    expect(await pg.query('SELECT count(*) FROM survives')).toBe('1');
  });

  it('stopServer() closes the port, startServer() reopens it', async () => {
    await pg.stopServer();
    expect(pg.running()).toBe(false);
    expect(await isPortOpen(pg.port)).toBe(false);
    await expect(pg.query('SELECT 1')).rejects.toThrow(CommandError);
    await pg.startServer();
    expect(await pg.query('SELECT 1')).toBe('1');
  });

  it('stop() closes the port and removes the folder', async () => {
    const { port, dir } = pg;
    await pg.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('throwaway Redis', () => {
  let redis: RedisInstance;

  beforeAll(async () => {
    const t0 = Date.now();
    redis = await startRedis();
    console.log(`Redis started in ${Date.now() - t0} ms on port ${redis.port}`);
  });

  afterAll(async () => {
    await redis?.stop();
  });

  it('gives a redis:// URL on 127.0.0.1', () => {
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}/0`);
  });

  it('does SET/GET over RESP', async () => {
    expect(await redis.command('SET', 'bulwark:key', 'välue with spaces\r\n')).toBe('OK');
    expect(await redis.command('GET', 'bulwark:key')).toBe('välue with spaces\r\n');
    expect(await redis.command('GET', 'bulwark:missing')).toBeNull();
    expect(await redis.command('INCR', 'bulwark:counter')).toBe(1);
    await expect(redis.command('NOSUCHCOMMAND')).rejects.toThrow(RespError);
    const replies = await respPipeline(redis.port, [
      ['RPUSH', 'bulwark:list', 'a', 'b'],
      ['LRANGE', 'bulwark:list', '0', '-1'],
      ['INCR', 'bulwark:key'],
    ]);
    expect(replies.slice(0, 2)).toEqual([2, ['a', 'b']]);
    expect(replies[2]).toBeInstanceOf(RespError);
  });

  it('has no persistence', async () => {
    const config = await redis.command('CONFIG', 'GET', 'save');
    expect(config).toEqual(['save', '']);
    expect(await redis.command('CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'no']);
    expect(await redis.command('CONFIG', 'GET', 'bind')).toEqual(['bind', '127.0.0.1']);
  });

  it('restarts empty on the same port', async () => {
    await redis.restart();
    expect(await redis.command('PING')).toBe('PONG');
    expect(await redis.command('DBSIZE')).toBe(0);
  });

  it('stop() closes the port and removes the folder', async () => {
    const { port, dir } = redis;
    await redis.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(fs.existsSync(dir)).toBe(false);
  });
});

describe('process helpers', () => {
  it('run() reports command, exit code and output tail on failure', async () => {
    const err = await run('sh', ['-c', 'echo to-stdout; echo to-stderr >&2; exit 3']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    const e = err as CommandError;
    expect(e.exitCode).toBe(3);
    expect(e.message).toContain("sh -c 'echo to-stdout; echo to-stderr >&2; exit 3'");
    expect(e.message).toContain('exited with code 3');
    expect(e.message).toContain('to-stdout');
    expect(e.message).toContain('to-stderr');
  });

  it('run() handles large output and passes env', async () => {
    const r = await run('sh', ['-c', 'head -c 5000000 /dev/zero | tr "\\0" x; echo; echo "$BULWARK_X"'], { env: { BULWARK_X: 'hello' } });
    expect(r.stdout.length).toBeGreaterThan(5_000_000);
    expect(r.stdout.trim().endsWith('hello')).toBe(true);
  });

  it('run() kills leftover background processes of the command', async () => {
    const r = await run('sh', ['-c', 'sleep 300 >/dev/null 2>&1 & echo $!']);
    const pid = Number(r.stdout.trim());
    await new Promise((res) => setTimeout(res, 200));
    expect(processAlive(pid)).toBe(false);
  });

  it('run() times out', async () => {
    const err = await run('sleep', ['30'], { timeoutMs: 300 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect((err as CommandError).timedOut).toBe(true);
  });

  it('startServer() waits for the port and stop() kills the whole group', async () => {
    const port = await freePort();
    // A parent that starts a child listener and ignores SIGTERM: needs SIGKILL after the grace.
    const script = `
      const net = require('node:net');
      const { spawn } = require('node:child_process');
      process.on('SIGTERM', () => console.log('ignoring SIGTERM'));
      spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      setTimeout(() => net.createServer().listen(${port}, '127.0.0.1', () => console.log('listening')), 300);
    `;
    const server = await startServer(process.execPath, ['-e', script], { port, stopGraceMs: 500 });
    expect(await isPortOpen(port)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toContain('listening');
    await server.stop();
    expect(await isPortOpen(port)).toBe(false);
    expect(groupAlive(server.pid)).toBe(false);
  });

  it('startServer() fails with the output when the process exits early', async () => {
    const port = await freePort();
    await expect(
      startServer('sh', ['-c', 'echo "boom: bad config" >&2; exit 2'], { port }),
    ).rejects.toThrow(/exited with code 2[\s\S]*boom: bad config/);
  });
});
