/**
 * Issue 6: a generated project under production conditions, for each framework. Served by
 * gunicorn with 4 workers against real PostgreSQL and Redis on loopback, it must hold its login
 * limit exactly across workers, serve a short load with no 5xx, come back by itself after a
 * PostgreSQL restart without losing a write it acknowledged (answering 503 problem+json while
 * the database is away), and, with Redis stopped, refuse logins (fail closed) while reads go on
 * (fail open, logged). No timing is asserted: the figures are in docs/benchmarks/load.md.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, serverErrors, summarise } from '../../bench/load.mjs';
import { http, type HttpResponse } from '../support/http.js';
import { FRAMEWORK_COMMANDS, type Framework, generateProject, type ProductionServer, serveInProduction } from '../support/project.js';
import { eventually } from '../support/services.js';

const WORKERS = 4;
const LOGIN_LIMIT = 5;
const BURST = 40;
const PROBLEM_JSON = /^application\/problem\+json/;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const password = (): string => `${randomBytes(12).toString('base64url')}-Aa1!`;

/**
 * Headers of a request that came through the TLS-terminating proxy on behalf of `client`:
 * the test stands where the proxy is (TRUSTED_PROXY_COUNT=1), so each test can be its own
 * client address with its own counters.
 */
const via = (client: string): Record<string, string> => ({ 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': client });

/** JSON log lines of the server whose `event` is `event`. */
const logEvents = (output: string, event: string): Record<string, unknown>[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{') && line.includes(event))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    })
    .filter((record) => record.event === event);

describe.each(['django', 'flask'] as const)('a %s project under gunicorn with 4 workers, PostgreSQL and Redis', (framework: Framework) => {
  const commands = FRAMEWORK_COMMANDS[framework];
  const users = {
    viewer: { username: 'vera', password: password() },
    editor: { username: 'edgar', password: password() },
  };
  let served: ProductionServer;
  let base: string;

  const login = (user: { username: string; password: string }, client: string): Promise<HttpResponse> =>
    http(`${base}/api/v1/auth/token/`, {
      method: 'POST',
      headers: { ...via(client), 'Content-Type': 'application/json' },
      body: JSON.stringify(user),
    });

  const accessToken = async (user: { username: string; password: string }): Promise<string> => {
    const response = await login(user, '192.0.2.200');
    expect(response.status).toBe(200);
    return response.json<{ access: string }>().access;
  };

  beforeAll(async () => {
    const { dir } = await generateProject(`ops-${framework}`, ['--framework', framework, '--defaults', '--skip-git']);
    served = await serveInProduction(dir, framework, {
      workers: WORKERS,
      env: {
        RATE_LIMIT_LOGIN_IP: `${LOGIN_LIMIT}/minute`,
        // The load below is one user; its limit would otherwise be what is measured.
        RATE_LIMIT_USER: '1000000/minute',
      },
      async beforeStart(manage) {
        for (const [role, user] of Object.entries(users)) {
          await manage([commands.createUser, user.username, '--role', role, '--password-stdin'], `${user.password}\n`);
        }
        await manage([commands.seedCatalog, '--books', '20']);
      },
    });
    base = served.baseUrl;
    // Ready when a worker answers, as a load balancer would see it.
    expect(await eventually(async () => (await http(`${base}/health/`, { headers: via('192.0.2.1') })).status === 200, 60_000, 500)).toBe(true);
  });

  afterAll(async () => {
    await served?.stop();
  });

  it(`lets exactly ${LOGIN_LIMIT} of a burst of ${BURST} parallel logins from one client through, across workers`, async () => {
    // Django counts in windows aligned on the clock's minutes: a burst that straddles one
    // would rightly count in two windows. Flask's windows start at the first hit.
    const intoMinute = (Date.now() / 1000) % 60;
    if (intoMinute > 45) await sleep((60 - intoMinute) * 1000 + 250);

    const client = '198.51.100.10';
    const responses = await Promise.all(
      Array.from({ length: BURST }, (_, i) => login({ username: `nobody-${i}`, password: 'not-the-password-1' }, client)),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status !== 429)).toEqual(Array(LOGIN_LIMIT).fill(401));
    for (const refused of responses.filter((response) => response.status === 429)) {
      expect(refused.headers['content-type']).toMatch(PROBLEM_JSON);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another client has its own count.
    expect((await login({ username: 'nobody', password: 'not-the-password-1' }, '198.51.100.11')).status).toBe(401);
  });

  it('serves a short load on the book list with no 5xx', async () => {
    const token = await accessToken(users.viewer);
    const result = await runLoad({
      url: `${base}/api/v1/books/`,
      connections: 16,
      durationMs: 5000,
      headers: { ...via('192.0.2.10'), Authorization: `Bearer ${token}` },
    });
    console.log(`${framework} book list: ${summarise(result)}`);
    expect(result.errors).toBe(0);
    expect(serverErrors(result)).toBe(0);
    expect(Object.keys(result.statuses)).toEqual(['200']);
  });

  it('recovers from a PostgreSQL restart during writes, answering 503 problem+json meanwhile and keeping every acknowledged write', async () => {
    const token = await accessToken(users.editor);
    const headers = { Authorization: `Bearer ${token}`, ...via('192.0.2.20') };
    const first = (await http(`${base}/api/v1/books/`, { headers })).json<{ results: { author: { id: number }; publisher: { id: number } }[] }>()
      .results[0]!;
    const acknowledged = new Set<number>();
    const answers: { status: number; startedAt: number; contentType: string }[] = [];

    const load = runLoad({
      url: `${base}/api/v1/books/`,
      method: 'POST',
      connections: 8,
      durationMs: 20_000,
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: (i) =>
        JSON.stringify({
          title: `Written under fault ${i}`,
          published: '2020-02-02',
          price: '12.50',
          author: first.author.id,
          publisher: first.publisher.id,
          genres: [],
        }),
      onResponse(response) {
        answers.push({ status: response.status, startedAt: response.startedAt, contentType: String(response.headers['content-type'] ?? '') });
        if (response.status === 201) acknowledged.add(JSON.parse(response.body).id as number);
      },
    });

    await sleep(3000);
    await served.pg.stopServer('fast');
    await sleep(1000);
    const duringOutage = await http(`${base}/health/`, { headers: via('192.0.2.21') });
    await sleep(2000);
    await served.pg.startServer();
    const backAt = Date.now();
    const healthy = await eventually(async () => (await http(`${base}/health/`, { headers: via('192.0.2.21') })).status === 200, 30_000, 250);
    const result = await load;
    console.log(`${framework} writes across a PostgreSQL restart: ${summarise(result)}; acknowledged ${acknowledged.size}`);

    expect(duringOutage.status).toBe(503);
    expect(duringOutage.json()).toMatchObject({ checks: { database: 'unavailable' } });
    expect(healthy).toBe(true);
    expect(result.errors).toBe(0);
    // While the database was away: 503 problem+json, never a 500 or a hang.
    expect(Object.keys(result.statuses).sort()).toEqual(['201', '503']);
    for (const answer of answers.filter((a) => a.status === 503)) expect(answer.contentType).toMatch(PROBLEM_JSON);
    // Once it was back: no 5xx at all, and writes went on.
    const afterBack = answers.filter((answer) => answer.startedAt >= backAt);
    expect(afterBack.filter((answer) => answer.status >= 500)).toEqual([]);
    expect(afterBack.filter((answer) => answer.status === 201).length).toBeGreaterThan(0);
    // Every write the API acknowledged is in the database.
    const ids = [...acknowledged];
    const stored = await served.pg.query(`SELECT count(*) FROM catalog_book WHERE id = ANY('{${ids.join(',')}}'::bigint[])`);
    expect(Number(stored)).toBe(ids.length);
  });

  it('with Redis stopped, refuses logins (fail closed) while reads go on (fail open, logged as an error)', async () => {
    const token = await accessToken(users.viewer);
    await served.redis.stopServer();
    try {
      const client = '198.51.100.30';
      const attempts = await Promise.all(Array.from({ length: 10 }, () => login(users.viewer, client)));
      for (const attempt of attempts) {
        expect([429, 503]).toContain(attempt.status);
        expect(attempt.headers['content-type']).toMatch(PROBLEM_JSON);
      }
      const read = await http(`${base}/api/v1/books/`, { headers: { ...via('192.0.2.30'), Authorization: `Bearer ${token}` } });
      expect(read.status).toBe(200);
      const health = await http(`${base}/health/`, { headers: via('192.0.2.30') });
      expect(health.status).toBe(503);
      expect(health.json()).toMatchObject({ checks: { database: 'ok', cache: 'unavailable' } });

      const events = logEvents(served.server.output(), 'rate_limit_unavailable');
      expect(events.filter((event) => event.outcome === 'refused').length).toBeGreaterThan(0);
      expect(events.filter((event) => event.outcome === 'allowed').length).toBeGreaterThan(0);
      for (const event of events) expect(event.level).toBe('ERROR');
    } finally {
      await served.redis.startServer();
    }
    // Back: the next login goes through.
    expect(await eventually(async () => (await login(users.viewer, '198.51.100.31')).status === 200, 30_000, 500)).toBe(true);
  });
});
