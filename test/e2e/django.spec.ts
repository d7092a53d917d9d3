/**
 * Issue 2's end-to-end proof: generate the default Django project with the shipped CLI (install
 * included), run its own make targets, then serve it under gunicorn in production mode against
 * real PostgreSQL and Redis on loopback and probe it over HTTP.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchDir } from '../support/cli.js';
import { http } from '../support/http.js';
import { freePort, run, type ServerHandle, startServer } from '../support/processes.js';
import { type PostgresInstance, type RedisInstance, startPostgres, startRedis } from '../support/services.js';

const PROJECT = 'demo-api';

describe('a generated Django project', () => {
  let workdir: string;
  let project: string;

  beforeAll(async () => {
    workdir = scratchDir('bulwark-e2e-django-');
    project = join(workdir, PROJECT);
    const result = await runCli(['new', PROJECT, '--defaults'], workdir);
    if (result.status !== 0) throw new Error(`bulwark new failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    expect(result.stdout + result.stderr).toContain(`cd ${PROJECT} && make setup`);
  });

  it('was locked, installed and put under git by the generator', () => {
    expect(existsSync(join(project, 'uv.lock'))).toBe(true);
    expect(existsSync(join(project, '.venv', 'bin', 'python'))).toBe(true);
    expect(existsSync(join(project, '.git'))).toBe(true);
  });

  it.each(['setup', 'test', 'lint', 'check'])('passes make %s', async (target) => {
    const result = await run('make', [target], { cwd: project, timeoutMs: 10 * 60_000 });
    expect(result.exitCode).toBe(0);
  });

  describe('under gunicorn with APP_ENV=production', () => {
    let pg: PostgresInstance;
    let redis: RedisInstance;
    let server: ServerHandle;
    let base: string;
    const host = 'localhost';

    beforeAll(async () => {
      [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
      const env = {
        APP_ENV: 'production',
        DJANGO_SETTINGS_MODULE: undefined,
        SECRET_KEY: randomBytes(48).toString('base64url'),
        JWT_SIGNING_KEY: randomBytes(48).toString('base64url'),
        ALLOWED_HOSTS: `${host},127.0.0.1`,
        DATABASE_URL: pg.url,
        REDIS_URL: redis.url,
        // The test client stands where the TLS-terminating proxy would.
        TRUSTED_PROXY_COUNT: '1',
      };
      const python = join(project, '.venv', 'bin', 'python');
      await run(python, ['manage.py', 'migrate', '--no-input'], { cwd: project, env });
      const port = await freePort();
      server = await startServer(join(project, '.venv', 'bin', 'gunicorn'), ['-c', 'gunicorn.conf.py', '--bind', `127.0.0.1:${port}`], {
        cwd: project,
        env,
        port,
        name: 'gunicorn',
      });
      base = `http://127.0.0.1:${port}`;
    });

    afterAll(async () => {
      await server?.stop();
      await Promise.all([pg?.stop(), redis?.stop()]);
    });

    const viaTlsProxy = { Host: host, 'X-Forwarded-Proto': 'https' };

    it('answers /health/ with 200, the readiness checks and the security headers', async () => {
      const response = await http(`${base}/health/`, { headers: viaTlsProxy });
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', checks: { database: 'ok', cache: 'ok' } });
      const header = (name: string) => response.headers[name] ?? '';
      expect(header('strict-transport-security')).toMatch(/max-age=31536000; includeSubDomains; preload/);
      expect(header('content-security-policy')).toMatch(/default-src 'none'/);
      expect(header('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(header('x-content-type-options')).toBe('nosniff');
      expect(header('x-frame-options')).toBe('DENY');
      expect(header('referrer-policy')).toMatch(/no-referrer|strict-origin-when-cross-origin/);
      expect(header('cross-origin-opener-policy')).toBe('same-origin');
      expect(header('permissions-policy')).not.toBe('');
      expect(header('x-request-id')).not.toBe('');
    });

    it('redirects a plain-HTTP request to HTTPS', async () => {
      const response = await http(`${base}/health/`, { headers: { Host: host } });
      expect(response.status).toBe(301);
      expect(response.headers.location).toBe(`https://${host}/health/`);
    });

    it('refuses a Host outside ALLOWED_HOSTS with a problem+json 400', async () => {
      const response = await http(`${base}/health/`, { headers: { ...viaTlsProxy, Host: 'evil.example' } });
      expect(response.status).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    });

    it('answers an unknown path with a problem+json 404 and no debug page', async () => {
      const response = await http(`${base}/no-such-page/`, { headers: viaTlsProxy });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = response.json<{ status: number; title: string }>();
      expect(body.status).toBe(404);
      expect(JSON.stringify(body)).not.toMatch(/Traceback|DEBUG|Django/);
    });

    it('reports itself unready with a problem+json 503 when Redis is down', async () => {
      await redis.stopServer();
      const response = await http(`${base}/health/`, { headers: viaTlsProxy });
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 503, checks: { database: 'ok', cache: 'unavailable' } });
    });
  });
});
