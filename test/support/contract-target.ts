import { randomBytes } from 'node:crypto';
import { defineContract, type ContractServer, type Role } from '../contract/contract.js';
import { IdentityProvider } from '../contract/identity-provider.js';
import { FRAMEWORK_COMMANDS, type Framework, generateProject, type ProductionServer, serveInProduction } from './project.js';

/** The lockout feature's failure limit, the same in both frameworks. */
const LOCKOUT_AFTER = 5;
/**
 * Sign-in tries per username a minute: low enough for the suite to reach it in a few seconds,
 * high enough for the users of the other tests, who sign in about ten times a run.
 */
const LOGIN_LIMIT_PER_USERNAME = 30;

/**
 * Registers the HTTP contract suite once per auth choice against a project of `framework`
 * generated with its defaults, served under gunicorn in production behind a (simulated) TLS proxy,
 * with real PostgreSQL and Redis. Users come from the project's own create-user command, or, with
 * OIDC, from tokens of a loopback identity provider.
 */
export function defineContractFor(framework: Framework, auths: readonly ('jwt' | 'session' | 'oidc')[]): void {
  const commands = FRAMEWORK_COMMANDS[framework];
  for (const auth of auths) {
    let served: ProductionServer | undefined;
    let identityProvider: IdentityProvider | undefined;

    defineContract({
      auth,
      async start(): Promise<ContractServer> {
        const { dir } = await generateProject(`contract-${framework}-${auth}`, ['--framework', framework, '--defaults', '--auth', auth, '--skip-git']);
        const password = () => `${randomBytes(12).toString('base64url')}-Aa1!`;
        const users = {
          admin: { username: 'ada', password: password() },
          editor: { username: 'edgar', password: password() },
          viewer: { username: 'vera', password: password() },
        } satisfies Record<Role, { username: string; password: string }>;
        const lockoutUser = { username: 'luke', password: password() };
        const limitUser = { username: 'lima', password: password() };
        if (auth === 'oidc') {
          identityProvider = new IdentityProvider();
          await identityProvider.start();
        }
        served = await serveInProduction(dir, framework, {
          // The suite signs in a few dozen times a minute from one address; lockout stays at its default.
          env: {
            RATE_LIMIT_LOGIN_IP: '200/minute',
            RATE_LIMIT_LOGIN_USERNAME: `${LOGIN_LIMIT_PER_USERNAME}/minute`,
            ...identityProvider?.env,
          },
          async beforeStart(manage) {
            if (auth !== 'oidc') {
              for (const [role, user] of [...Object.entries(users), ['viewer', lockoutUser] as const, ['viewer', limitUser] as const]) {
                await manage([commands.createUser, user.username, '--role', role, '--password-stdin'], `${user.password}\n`);
              }
            }
            await manage([commands.seedCatalog, '--books', '5']);
          },
        });
        return {
          target: { baseUrl: served.baseUrl, proxyHeaders: { 'X-Forwarded-Proto': 'https' } },
          users,
          lockoutUser,
          lockoutAfter: LOCKOUT_AFTER,
          limitUser,
          loginLimitPerUsername: LOGIN_LIMIT_PER_USERNAME,
          identityProvider,
        };
      },
      async stop() {
        await served?.stop();
        await identityProvider?.stop();
      },
    });
  }
}
