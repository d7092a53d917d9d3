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
  /** Runs the project's command line with the production environment: manage.py (Django) or `flask` (Flask). */
  manage(args: readonly string[], input?: string): Promise<string>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  env?: Record<string, string>;
  workers?: number;
  beforeStart?: (manage: ProductionServer['manage']) => Promise<void>;
}

/** How each framework's project is managed and migrated from its root. */
export const FRAMEWORK_COMMANDS = {
  django: {
    manage: (project: string) => [venvBin(project, 'python'), 'manage.py'] as const,
    migrate: ['migrate', '--no-input'],
    createUser: 'create_user',
    seedCatalog: 'seed_catalog',
    env: { DJANGO_SETTINGS_MODULE: undefined },
  },
  flask: {
    manage: (project: string) => [venvBin(project, 'flask')] as const,
    migrate: ['db', 'upgrade'],
    createUser: 'create-user',
    seedCatalog: 'seed-catalog',
    env: { FLASK_APP: undefined, FLASK_DEBUG: undefined },
  },
} as const;

export type Framework = keyof typeof FRAMEWORK_COMMANDS;

/** Migrates, then serves the project under gunicorn as production does. */
export async function serveInProduction(project: string, framework: Framework, options: ServeOptions = {}): Promise<ProductionServer> {
  const commands = FRAMEWORK_COMMANDS[framework];
  const [pg, redis] = await Promise.all([startPostgres(), startRedis()]);
  const env = {
    APP_ENV: 'production',
    ...commands.env,
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
  const [command, ...prefix] = commands.manage(project);
  const manage = async (args: readonly string[], input?: string) => (await run(command, [...prefix, ...args], { cwd: project, env, input })).stdout;
  try {
    await manage(commands.migrate);
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

export const serveDjangoInProduction = (project: string, options: ServeOptions = {}): Promise<ProductionServer> =>
  serveInProduction(project, 'django', options);

export const serveFlaskInProduction = (project: string, options: ServeOptions = {}): Promise<ProductionServer> =>
  serveInProduction(project, 'flask', options);
