/**
 * Issue 2's end-to-end proof: generate the default Django project with the shipped CLI (install
 * included), run its own make targets, then serve it under gunicorn in production mode against
 * real PostgreSQL and Redis on loopback and probe it over HTTP.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http } from '../support/http.js';
import { run } from '../support/processes.js';
import { generateProject, type ProductionServer, serveDjangoInProduction } from '../support/project.js';

const PROJECT = 'demo-api';

describe('a generated Django project', () => {
  let project: string;
  let output: string;

  beforeAll(async () => {
    ({ dir: project, output } = await generateProject(PROJECT, ['--defaults']));
  });

  it('printed the next two commands', () => {
    expect(output).toContain(`cd ${PROJECT} && make setup\n  make test`);
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
    let served: ProductionServer;
    let base: string;
    const host = 'localhost';

    beforeAll(async () => {
      served = await serveDjangoInProduction(project);
      base = served.baseUrl;
    });

    afterAll(async () => {
      await served?.stop();
    });

    const viaTlsProxy = { Host: host, 'X-Forwarded-Proto': 'https' };

    it('answers /health/ with 200, the readiness checks and the security headers', async () => {
      const response = await http(`${base}/health/`, { headers: viaTlsProxy });
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', checks: { database: 'ok', cache: 'ok' } });
      const header = (name: string) => response.headers[name] ?? '';
      expect(header('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
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
      await served.redis.stopServer();
      const response = await http(`${base}/health/`, { headers: viaTlsProxy });
      expect(response.status).toBe(503);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.json()).toMatchObject({ status: 503, checks: { database: 'ok', cache: 'unavailable' } });
    });
  });
});
