/**
 * The load benchmark behind bench/load.sh (which builds the CLI and bundles this file): for each
 * framework, generates the default project, serves it as production does (gunicorn with
 * --workers, PostgreSQL and Redis on loopback), signs in a viewer and runs bench/load.mjs against
 * the book list, after an unrecorded warm-up. Prints each result, writes the Markdown report, and
 * exits 1 if any answer was a 5xx or any request failed.
 *
 *   --frameworks django,flask  --workers 4  --connections 16  --duration 20  --books 100
 *   --report FILE              (default: print only)
 */
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoad, serverErrors, summarise, type LoadResult } from './load.mjs';
import { http } from '../test/support/http.js';
import { run } from '../test/support/processes.js';
import { FRAMEWORK_COMMANDS, type Framework, generateProject, serveInProduction } from '../test/support/project.js';
import { eventually, findRedisServer } from '../test/support/services.js';

const { values } = parseArgs({
  options: {
    frameworks: { type: 'string', default: 'django,flask' },
    workers: { type: 'string', default: '4' },
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    books: { type: 'string', default: '100' },
    report: { type: 'string' },
  },
});
const frameworks = values.frameworks.split(',') as Framework[];
const workers = Number(values.workers);
const connections = Number(values.connections);
const durationMs = Number(values.duration) * 1000;
const proxy = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '192.0.2.10' };

interface Measured {
  framework: Framework;
  result: LoadResult;
}

async function measure(framework: Framework): Promise<Measured> {
  const commands = FRAMEWORK_COMMANDS[framework];
  const viewer = { username: 'vera', password: `${randomBytes(12).toString('base64url')}-Aa1!` };
  const { dir } = await generateProject(`load-${framework}`, ['--framework', framework, '--defaults', '--skip-git']);
  const served = await serveInProduction(dir, framework, {
    workers,
    // One user makes every request: its own limit would be what is measured.
    env: { RATE_LIMIT_USER: '100000000/minute' },
    async beforeStart(manage) {
      await manage([commands.createUser, viewer.username, '--role', 'viewer', '--password-stdin'], `${viewer.password}\n`);
      await manage([commands.seedCatalog, '--books', values.books]);
    },
  });
  try {
    const base = served.baseUrl;
    await eventually(async () => (await http(`${base}/health/`, { headers: proxy })).status === 200, 60_000, 500);
    const login = await http(`${base}/api/v1/auth/token/`, {
      method: 'POST',
      headers: { ...proxy, 'Content-Type': 'application/json' },
      body: JSON.stringify(viewer),
    });
    if (login.status !== 200) throw new Error(`${framework}: sign-in answered ${login.status}: ${login.body}`);
    const load = {
      url: `${base}/api/v1/books/`,
      connections,
      headers: { ...proxy, Authorization: `Bearer ${login.json<{ access: string }>().access}` },
    };
    await runLoad({ ...load, durationMs: Number(values.warmup) * 1000 });
    const result = await runLoad({ ...load, durationMs });
    console.log(`${framework}: ${summarise(result)}`);
    return { framework, result };
  } finally {
    await served.stop();
    rmSync(dirname(dir), { recursive: true, force: true });
  }
}

const versionOf = async (command: string, args: string[]): Promise<string> =>
  (await run(command, args, { allowFailure: true })).stdout.trim().split('\n')[0] ?? '?';

const loadBefore = os.loadavg()[0]!.toFixed(1);
const measured: Measured[] = [];
for (const framework of frameworks) measured.push(await measure(framework));

if (values.report) {
  const cpu = os.cpus();
  const pgVersion = await versionOf('psql', ['--version']);
  const redisVersion = await versionOf(findRedisServer(), ['--version']);
  const row = ({ framework, result }: Measured): string =>
    `| ${framework === 'django' ? 'Django' : 'Flask'} | ${result.rps} | ${result.latencyMs.p50} | ${result.latencyMs.p90} | ${result.latencyMs.p99} | ${result.latencyMs.max} | ${result.requests} | ${Object.entries(result.statuses)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ')}${result.errors ? `, failed: ${result.errors}` : ''} |`;
  const report = `# Load benchmark

\`bench/load.sh\` generates the default project of each framework with this checkout, serves it as
production does (\`gunicorn -c gunicorn.conf.py\` with \`APP_ENV=production\`, ${workers} workers,
PostgreSQL and Redis on loopback), signs in a viewer and runs \`bench/load.mjs\` against
\`GET /api/v1/books/\` (a page of 20 books with author, publisher and genres, ${values.books} books in
the table): ${connections} keep-alive connections, each sending its next request as soon as the last
is answered, for ${durationMs / 1000} s after a ${values.warmup} s warm-up. Every request goes through
the whole stack: JWT verification and the user's row, the per-user rate limit counted in Redis,
the catalog queries, and a JSON access-log line. The per-user limit is raised for the run, since
one user makes every request. The client runs on the same machine and takes CPU from the server.

Latencies in milliseconds.

| framework | requests/s | p50 | p90 | p99 | max | requests | statuses |
| --- | --- | --- | --- | --- | --- | --- | --- |
${measured.map(row).join('\n')}

Measured ${new Date().toISOString().slice(0, 10)} on ${cpu.length} × ${cpu[0]?.model ?? 'CPU'} (load average ${loadBefore}
before the run: the machine is shared, so compare figures from one run only), Node ${process.version},
${pgVersion}, ${redisVersion.replace(/ sha=.*/, '')}.

Run it again with \`bench/load.sh\` (options: \`--workers N --connections N --duration SECONDS
--books N --frameworks django,flask\`). \`node bench/load.mjs --url URL --header "Authorization:
Bearer ..."\` loads any running server. The end-to-end tests (\`test/e2e/operations.spec.ts\`) run
a 5 s load and assert no 5xx, never a time.
`;
  writeFileSync(values.report, report);
  console.log(`wrote ${values.report}`);
}

const failed = measured.filter(({ result }) => serverErrors(result) > 0 || result.errors > 0);
if (failed.length) {
  console.error(`5xx answers or failed requests: ${failed.map(({ framework }) => framework).join(', ')}`);
  process.exit(1);
}
process.exit(0);
