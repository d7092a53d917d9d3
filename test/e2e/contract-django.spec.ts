/**
 * The HTTP contract suite against a generated Django project under gunicorn, in production mode,
 * behind a (simulated) TLS proxy, with real PostgreSQL and Redis; once per `--auth` choice.
 */
import { randomBytes } from 'node:crypto';
import { defineContract, type ContractServer, type Role } from '../contract/contract.js';
import { IdentityProvider } from '../contract/identity-provider.js';
import { generateProject, type ProductionServer, serveDjangoInProduction } from '../support/project.js';

/** The lockout feature's AXES_FAILURE_LIMIT. */
const LOCKOUT_AFTER = 5;

for (const auth of ['jwt', 'session', 'oidc'] as const) {
  let served: ProductionServer | undefined;
  let identityProvider: IdentityProvider | undefined;

  defineContract({
    auth,
    async start(): Promise<ContractServer> {
      const { dir } = await generateProject(`contract-${auth}`, ['--defaults', '--auth', auth, '--skip-git']);
      const password = () => `${randomBytes(12).toString('base64url')}-Aa1!`;
      const users = {
        admin: { username: 'ada', password: password() },
        editor: { username: 'edgar', password: password() },
        viewer: { username: 'vera', password: password() },
      } satisfies Record<Role, { username: string; password: string }>;
      const lockoutUser = { username: 'luke', password: password() };
      // With OIDC, users come from the identity provider's tokens: none is made beforehand.
      if (auth === 'oidc') {
        identityProvider = new IdentityProvider();
        await identityProvider.start();
      }
      served = await serveDjangoInProduction(dir, {
        // The suite signs in a few dozen times a minute from one address; lockout stays at its default.
        env: { RATE_LIMIT_LOGIN_IP: '200/minute', RATE_LIMIT_LOGIN_USERNAME: '100/minute', ...identityProvider?.env },
        async beforeStart(manage) {
          if (auth !== 'oidc') {
            for (const [role, user] of Object.entries(users)) {
              await manage(['create_user', user.username, '--role', role, '--password-stdin'], `${user.password}\n`);
            }
            await manage(['create_user', lockoutUser.username, '--role', 'viewer', '--password-stdin'], `${lockoutUser.password}\n`);
          }
          await manage(['seed_catalog', '--books', '5']);
        },
      });
      return {
        target: { baseUrl: served.baseUrl, proxyHeaders: { 'X-Forwarded-Proto': 'https' } },
        users,
        lockoutUser,
        lockoutAfter: LOCKOUT_AFTER,
        identityProvider,
      };
    },
    async stop() {
      await served?.stop();
      await identityProvider?.stop();
    },
  });
}
