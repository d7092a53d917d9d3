/**
 * Schemathesis against each framework's generated project that has the openapi feature (--defaults, --auth jwt), served under
 * gunicorn in production mode with PostgreSQL and Redis, behind the simulated TLS proxy. The
 * schema is the project's own OpenAPI document, fetched from `GET /api/schema/` as an admin.
 * Each role (admin, editor, viewer; users from the project's create-user command, tokens from
 * its token endpoint) fuzzes every operation. Checks: no 5xx, and every response conforms to the
 * schema (status code, content type, body).
 *
 * Schemathesis lives in its own virtualenv, made with uv once and kept under
 * node_modules/.cache. BULWARK_FUZZ_EXAMPLES sets the examples per operation (15 by default);
 * BULWARK_FUZZ_FRAMEWORKS=django runs one framework; BULWARK_FUZZ_CHECKS=a,b other checks.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findFeature } from '../../lib/features/index.js';
import { jwtDriver } from '../contract/drivers.js';
import { run, tail } from '../support/processes.js';
import { FRAMEWORK_COMMANDS, type Framework, generateProject, type ProductionServer, serveInProduction } from '../support/project.js';
import { scratchDir } from '../support/cli.js';

const SCHEMATHESIS = 'schemathesis>=4,<5';
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/bulwark-schemathesis', import.meta.url));
const EXAMPLES = process.env.BULWARK_FUZZ_EXAMPLES ?? '15';
const CHECKS = process.env.BULWARK_FUZZ_CHECKS?.split(',') ?? [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
];
const ROLES = ['admin', 'editor', 'viewer'] as const;
const PROXY = { 'X-Forwarded-Proto': 'https' };

/** The `st` command of a virtualenv holding schemathesis 4, made once and reused. */
async function schemathesis(): Promise<string> {
  const st = join(CACHE, 'bin', 'st');
  if (!existsSync(st)) {
    mkdirSync(CACHE, { recursive: true });
    await run('uv', ['venv', '--quiet', '--allow-existing', CACHE]);
    await run('uv', ['pip', 'install', '--quiet', '--python', join(CACHE, 'bin', 'python'), SCHEMATHESIS]);
  }
  return st;
}

// The frameworks whose projects have an OpenAPI document (the openapi feature): Django and Flask.
const FRAMEWORKS = (process.env.BULWARK_FUZZ_FRAMEWORKS?.split(',') ?? findFeature('openapi')?.frameworks ?? []) as Framework[];

describe.each(FRAMEWORKS)('fuzzing a generated %s project (jwt) with schemathesis', (framework: Framework) => {
  let st: string;
  let served: ProductionServer;
  let schemaFile: string;
  const users = Object.fromEntries(
    ROLES.map((role) => [role, { username: `${role}-user`, password: `${randomBytes(12).toString('base64url')}-Aa1!` }]),
  ) as Record<(typeof ROLES)[number], { username: string; password: string }>;

  beforeAll(async () => {
    const commands = FRAMEWORK_COMMANDS[framework];
    const [command, { dir }] = await Promise.all([
      schemathesis(),
      generateProject(`fuzz-${framework}`, ['--framework', framework, '--defaults', '--auth', 'jwt', '--skip-git']),
    ]);
    st = command;
    served = await serveInProduction(dir, framework, {
      // Thousands of requests from one address in a few minutes: the limits are not under test here.
      env: {
        RATE_LIMIT_ANON: '100000/minute',
        RATE_LIMIT_USER: '100000/minute',
        RATE_LIMIT_LOGIN_IP: '100000/minute',
        RATE_LIMIT_LOGIN_USERNAME: '100000/minute',
      },
      async beforeStart(manage) {
        for (const role of ROLES) {
          const { username, password } = users[role];
          await manage([commands.createUser, username, '--role', role, '--password-stdin'], `${password}\n`);
        }
        await manage([commands.seedCatalog, '--books', '20']);
      },
    });
    const { access } = await jwtDriver({ baseUrl: served.baseUrl, proxyHeaders: PROXY }).tokens(users.admin.username, users.admin.password);
    const response = await fetch(`${served.baseUrl}/api/schema/?format=json`, {
      headers: { ...PROXY, Authorization: `Bearer ${access}`, Accept: 'application/json' },
    });
    expect(response.status).toBe(200);
    schemaFile = join(scratchDir(`bulwark-fuzz-${framework}-`), 'openapi.json');
    writeFileSync(schemaFile, await response.text());
  });

  afterAll(async () => {
    await served?.stop();
  });

  it('serves an OpenAPI 3 document of the whole contract', () => {
    const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as { openapi: string; paths: Record<string, unknown> };
    expect(schema.openapi).toMatch(/^3\./);
    const paths = Object.keys(schema.paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/token/', '/api/v1/auth/token/refresh/', '/api/v1/auth/me/', '/api/v1/books/']));
    expect(paths.some((path) => /^\/api\/v1\/books\/\{\w+\}\/$/.test(path))).toBe(true);
  });

  it.each(ROLES)('answers every generated request of a(n) %s without a 5xx and as its schema says', async (role) => {
    // A fresh 5-minute access token per role, right before its run.
    const { access } = await jwtDriver({ baseUrl: served.baseUrl, proxyHeaders: PROXY }).tokens(users[role].username, users[role].password);
    const report = join(scratchDir(`bulwark-fuzz-report-`), 'junit.xml');
    const result = await run(
      st,
      [
        'run',
        schemaFile,
        '--url',
        served.baseUrl,
        '--header',
        `Authorization: Bearer ${access}`,
        '--header',
        'X-Forwarded-Proto: https',
        '--checks',
        CHECKS.join(','),
        '--max-examples',
        EXAMPLES,
        '--seed',
        '20261125',
        '--phases',
        'examples,coverage,fuzzing',
        '--request-timeout',
        '20',
        '--no-color',
        '--report',
        'junit',
        '--report-junit-path',
        report,
      ],
      { timeoutMs: 4 * 60_000, allowFailure: true, env: { SCHEMATHESIS_HOOKS: undefined } },
    );
    // Schemathesis's own closing line looks like pytest's ("== 2 warnings in 6.30s =="); keep only its
    // warnings and counts in the log, so the run's closing line stays vitest's.
    console.log(`${framework} ${role}: ${summaryOf(result.stdout)}`);
    // An admin may call everything: an operation that only ever answered 401/403 means the token was not taken.
    if (role === 'admin') expect(result.stdout).not.toMatch(/Authentication failed/);
    expect(result.exitCode, `schemathesis as ${role} against ${framework}:\n${tail(result.stdout, 200, 20_000)}\n${tail(result.stderr)}`).toBe(0);
  });
});

/** The "Warnings:" and "Test cases:" blocks of a schemathesis summary, on one line. */
function summaryOf(stdout: string): string {
  const summary = stdout.slice(stdout.lastIndexOf('SUMMARY'));
  const block = (title: string) => summary.match(new RegExp(`${title}:\\n((?:  .*\\n?)+)`))?.[1] ?? '';
  return [block('Warnings'), block('Test cases')].join('').split('\n').map((line) => line.trim()).filter(Boolean).join('; ');
}

