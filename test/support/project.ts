import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runCli, scratchDir } from './cli.js';
import { freePort, run, type ServerHandle, startServer } from './processes.js';
import { type PostgresInstance, type RedisInstance, startPostgres, startRedis } from './services.js';

/** Generates a project with the shipped CLI in a fresh folder; returns the project folder and what the CLI printed. */
export async function generateProject(name: string, args: readonly string[]): Promise<{ dir: string; output: string }> {
  const workdir = scratchDir(`bulwark-${name}-`);
  const result = await runCli(['new', name, ...args], workdir);
  if (result.status !== 0) throw new Error(`bulwark new ${name} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return { dir: join(workdir, name), output: result.stdout + result.stderr };
}

export const venvBin = (project: string, command: string): string => join(project, '.venv', 'bin', command);

/** A project served under gunicorn with APP_ENV=production, against its own PostgreSQL and Redis. */
export interface ProductionServer {
  baseUrl: string;
  env: Record<string, string | undefined>;
  pg: PostgresInstance;
  redis: RedisInstance;
  server: ServerHandle;
  /** Runs the project's manage.py with the production environment. */
  manage(args: readonly string[], input?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function serveDjangoInProduction(
  project: string,
  options: { env?: Record<string, string>; workers?: number; beforeStart?: (manage: ProductionServer['manage']) => Promise<void> } = {},
): Promise<ProductionServer> {
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    APP_ENV: 'production',
    DJANGO_SETTINGS_MODULE: undefined,
    SECRET_KEY: randomBytes(48).toString('base64url'),
    JWT_SIGNING_KEY: randomBytes(48).toString('base64url'),
    ALLOWED_HOSTS: 'localhost,127.0.0.1',
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    // The test client stands where the TLS-terminating proxy would.
    TRUSTED_PROXY_COUNT: '1',
    WEB_CONCURRENCY: String(options.workers ?? 2),
    ...options.env,
  };
  const manage = async (args: readonly string[], input?: string) =>
    (await run(venvBin(project, 'python'), ['manage.py', ...args], { cwd: project, env, input })).stdout;
  try {
    await manage(['migrate', '--no-input']);
    await options.beforeStart?.(manage);
    const port = await freePort();
    const server = await startServer(venvBin(project, 'gunicorn'), ['-c', 'gunicorn.conf.py', '--bind', `127.0.0.1:${port}`], {
      cwd: project,
      env,
      port,
      name: 'gunicorn',
    });
    return {
      baseUrl: `http://127.0.0.1:${port}`,
      env,
      pg,
      redis,
      server,
      manage,
      async stop() {
        await server.stop();
        await Promise.all([pg.stop(), redis.stop()]);
      },
    };
  } catch (error) {
    await Promise.all([pg.stop(), redis.stop()]);
    throw error;
  }
}
