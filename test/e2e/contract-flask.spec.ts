/**
 * The HTTP contract suite against a generated Flask project under gunicorn, in production mode,
 * behind a (simulated) TLS proxy, with real PostgreSQL and Redis; once per `--auth` choice
 * Flask has.
 */
import { randomBytes } from 'node:crypto';
import { defineContract, type ContractServer, type Role } from '../contract/contract.js';
import { generateProject, type ProductionServer, serveFlaskInProduction } from '../support/project.js';

/** The lockout feature's FAILURE_LIMIT (lockout.py). */
const LOCKOUT_AFTER = 5;

for (const auth of ['jwt', 'session'] as const) {
  let served: ProductionServer | undefined;

  defineContract({
    auth,
    async start(): Promise<ContractServer> {
      const { dir } = await generateProject(`contract-flask-${auth}`, ['--framework', 'flask', '--defaults', '--auth', auth, '--skip-git']);
      const password = () => `${randomBytes(12).toString('base64url')}-Aa1!`;
      const users = {
        admin: { username: 'ada', password: password() },
        editor: { username: 'edgar', password: password() },
        viewer: { username: 'vera', password: password() },
      } satisfies Record<Role, { username: string; password: string }>;
      const lockoutUser = { username: 'luke', password: password() };
      served = await serveFlaskInProduction(dir, {
        // The suite signs in a few dozen times a minute from one address; lockout stays at its default.
        env: { RATE_LIMIT_LOGIN_IP: '200/minute', RATE_LIMIT_LOGIN_USERNAME: '100/minute' },
        async beforeStart(manage) {
          for (const [role, user] of Object.entries(users)) {
            await manage(['create-user', user.username, '--role', role, '--password-stdin'], `${user.password}\n`);
          }
          await manage(['create-user', lockoutUser.username, '--role', 'viewer', '--password-stdin'], `${lockoutUser.password}\n`);
          await manage(['seed-catalog', '--books', '5']);
        },
      });
      return {
        target: { baseUrl: served.baseUrl, proxyHeaders: { 'X-Forwarded-Proto': 'https' } },
        users,
        lockoutUser,
        lockoutAfter: LOCKOUT_AFTER,
      };
    },
    async stop() {
      await served?.stop();
    },
  });
}
