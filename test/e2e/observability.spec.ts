/**
 * The prometheus feature under production conditions: a generated project with sentry and
 * prometheus, served by gunicorn with two workers against real PostgreSQL and Redis. /metrics/
 * refuses callers without the token or from a refused address, and its counts add up what every
 * worker served (prometheus_client's multiprocess mode, wired in gunicorn.conf.py).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir } from '../support/cli.js';
import { http } from '../support/http.js';
import { generateProject, type Framework, type ProductionServer, serveInProduction } from '../support/project.js';

const FEATURES = 'docker,github-actions,catalog,rate-limit,lockout,cors,sentry,prometheus';
const WORKERS = 2;
const REQUESTS = 24;

/** The value of one sample of the Prometheus text format, 0 when absent. */
const sample = (exposition: string, name: string, labels: Record<string, string>): number => {
  const wanted = Object.entries(labels)
    .map(([key, value]) => `${key}="${value}"`)
    .sort();
  for (const line of exposition.split('\n')) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2]!.split(',').filter(Boolean).sort();
    if (have.length === wanted.length && have.every((pair, index) => pair === wanted[index])) return Number(match[3]);
  }
  return 0;
};

describe.each(['django', 'flask'] as const)('a %s project with sentry and prometheus, under gunicorn in production', (framework: Framework) => {
  const token = randomBytes(32).toString('hex');
  const multiprocDir = join(scratchDir(`bulwark-metrics-${framework}-`), 'prometheus');
  let served: ProductionServer;
  let base: string;
  const viaTlsProxy = { Host: 'localhost', 'X-Forwarded-Proto': 'https' };
  const scraper = { ...viaTlsProxy, Authorization: `Bearer ${token}` };

  beforeAll(async () => {
    const { dir } = await generateProject(`obs-${framework}`, ['--framework', framework, '--features', FEATURES, '--defaults', '--skip-git']);
    mkdirSync(multiprocDir, { recursive: true });
    served = await serveInProduction(dir, framework, {
      workers: WORKERS,
      env: { METRICS_TOKEN: token, METRICS_ALLOWED_IPS: '127.0.0.0/8,::1', PROMETHEUS_MULTIPROC_DIR: multiprocDir },
    });
    base = served.baseUrl;
  });

  afterAll(async () => {
    await served?.stop();
  });

  it('answers /metrics/ without the token with 401 and a Bearer challenge', async () => {
    const response = await http(`${base}/metrics/`, { headers: viaTlsProxy });
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    const wrong = await http(`${base}/metrics/`, { headers: { ...viaTlsProxy, Authorization: `Bearer ${randomBytes(32).toString('hex')}` } });
    expect(wrong.status).toBe(401);
  });

  it('answers /metrics/ with 403 to a client outside METRICS_ALLOWED_IPS, token or not', async () => {
    const response = await http(`${base}/metrics/`, { headers: { ...scraper, 'X-Forwarded-For': '203.0.113.7' } });
    expect(response.status).toBe(403);
  });

  it('answers /metrics/ with 200 and the counters to the scraper', async () => {
    const response = await http(`${base}/metrics/`, { headers: scraper });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toContain('# TYPE http_requests_total counter');
  });

  it('counts the requests every worker served, whichever worker answers the scrape', async () => {
    const health = { method: 'GET', route: '/health/', status: '200' };
    const before = sample((await http(`${base}/metrics/`, { headers: scraper })).body, 'http_requests_total', health);
    // A request whose headers are not finished holds one sync worker, so the next ones are
    // served by the other; finishing it then has the first worker serve one too.
    const { port } = new URL(base);
    const held = connect(Number(port), '127.0.0.1');
    const heldAnswer = new Promise<string>((resolve, reject) => {
      let received = '';
      held.on('data', (chunk) => (received += chunk.toString()));
      held.on('end', () => resolve(received));
      held.on('error', reject);
    });
    held.write('GET /health/ HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-Proto: https\r\nConnection: close\r\n');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const answers = [];
    for (let index = 0; index < REQUESTS - 1; index += 1) answers.push(await http(`${base}/health/`, { headers: viaTlsProxy }));
    held.write('\r\n');
    expect(await heldAnswer).toMatch(/^HTTP\/1\.1 200/);
    expect(answers.map((answer) => answer.status)).toEqual(Array(REQUESTS - 1).fill(200));

    const writers = new Set(readdirSync(multiprocDir).flatMap((file) => /^counter_(\d+)\.db$/.exec(file)?.[1] ?? []));
    expect(writers.size).toBeGreaterThanOrEqual(WORKERS);
    for (let scrape = 0; scrape < 4; scrape += 1) {
      const exposition = (await http(`${base}/metrics/`, { headers: { ...scraper, Connection: 'close' } })).body;
      expect(sample(exposition, 'http_requests_total', health)).toBe(before + REQUESTS);
    }
  });

  it('counts a failed login as an authentication failure', async () => {
    const reason = { reason: 'login_failed' };
    const before = sample((await http(`${base}/metrics/`, { headers: scraper })).body, 'auth_failures_total', reason);
    const login = await http(`${base}/api/v1/auth/token/`, {
      method: 'POST',
      headers: { ...viaTlsProxy, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'nobody', password: randomBytes(12).toString('hex') }),
    });
    expect(login.status).toBe(401);
    const after = sample((await http(`${base}/metrics/`, { headers: scraper })).body, 'auth_failures_total', reason);
    expect(after).toBe(before + 1);
  });
});
