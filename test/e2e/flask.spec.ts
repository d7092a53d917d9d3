/**
 * The Flask base's end-to-end proof, the same as the Django one: generate the default Flask
 * project with the shipped CLI (install included), run its own make targets, then migrate it with
 * `flask db upgrade` and serve it under gunicorn in production mode against real PostgreSQL and
 * Redis on loopback, and probe it over HTTP.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultFeatureIds, findFeature } from '../../lib/features/index.js';
import { http } from '../support/http.js';
import { run } from '../support/processes.js';
import { generateProject, type ProductionServer, serveFlaskInProduction } from '../support/project.js';

const PROJECT = 'flask-api';

describe('a generated Flask project', () => {
  let project: string;
  let output: string;

  beforeAll(async () => {
    ({ dir: project, output } = await generateProject(PROJECT, ['--framework', 'flask', '--defaults']));
  });

  it('printed the next two commands', () => {
    expect(output).toContain(`cd ${PROJECT} && make setup\n  make test`);
  });

  it('was locked, installed and put under git by the generator', () => {
    expect(existsSync(join(project, 'uv.lock'))).toBe(true);
    expect(existsSync(join(project, '.venv', 'bin', 'flask'))).toBe(true);
    expect(existsSync(join(project, '.git'))).toBe(true);
  });

  it('stored only features that Flask supports', () => {
    const stored = JSON.parse(readFileSync(join(project, '.yo-rc.json'), 'utf8'))['generator-bulwark'];
    expect(stored.framework).toBe('flask');
    expect(stored.features).toEqual(defaultFeatureIds('flask'));
    for (const id of stored.features) expect(findFeature(id)?.frameworks, id).toContain('flask');
  });

  it.each(['setup', 'test', 'lint', 'check'])('passes make %s', async (target) => {
    const result = await run('make', [target], { cwd: project, timeoutMs: 10 * 60_000 });
    expect(result.exitCode).toBe(0);
  });

  it('answers the flask command from the project root with no variables set', async () => {
    const result = await run(join(project, '.venv', 'bin', 'flask'), ['routes'], {
      cwd: project,
      env: { APP_ENV: undefined, FLASK_APP: undefined },
    });
    expect(result.stdout).toMatch(/health\.health\s+GET\s+\/health\//);
  });

  describe('under gunicorn with APP_ENV=production, after flask db upgrade', () => {
    let served: ProductionServer;
    let base: string;
    const host = 'localhost';

    beforeAll(async () => {
      served = await serveFlaskInProduction(project);
      base = served.baseUrl;
    });

    afterAll(async () => {
      await served?.stop();
    });

    const viaTlsProxy = { Host: host, 'X-Forwarded-Proto': 'https' };

    it('migrated PostgreSQL to the one head revision', async () => {
      expect(await served.manage(['db', 'current'])).toMatch(/^\w+ \(head\)$/m);
    });

    it('answers /health/ with 200, the readiness checks and the security headers', async () => {
      const response = await http(`${base}/health/`, { headers: viaTlsProxy });
      expect(response.status).toBe(200);
      expect(response.json()).toEqual({ status: 'ok', checks: { database: 'ok', cache: 'ok' } });
      const header = (name: string) => response.headers[name] ?? '';
      expect(header('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
      expect(header('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(header('x-content-type-options')).toBe('nosniff');
      expect(header('x-frame-options')).toBe('DENY');
      expect(header('referrer-policy')).toBe('no-referrer');
      expect(header('cross-origin-opener-policy')).toBe('same-origin');
      expect(header('permissions-policy')).toMatch(/camera=\(\)/);
      expect(header('cache-control')).toBe('no-store');
      expect(header('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
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
      expect(response.body).not.toContain('evil.example');
    });

    it('answers an unknown path with a problem+json 404 and no debug page', async () => {
      const response = await http(`${base}/no-such-page/`, { headers: viaTlsProxy });
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = response.json<{ status: number; title: string }>();
      expect(body.status).toBe(404);
      expect(JSON.stringify(body)).not.toMatch(/Traceback|DEBUG|Werkzeug|Flask/);
    });

    it('answers a wrong method with a problem+json 405', async () => {
      const response = await http(`${base}/health/`, { method: 'POST', headers: viaTlsProxy });
      expect(response.status).toBe(405);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
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
