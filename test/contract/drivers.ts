/**
 * How a client authenticates, per `--auth` choice. The contract suite talks to the server only
 * through plain fetch and these drivers, so it cannot know which framework serves it.
 */
export interface Credentials {
  /** Headers that authenticate a request (Authorization, or Cookie plus a CSRF header). */
  headers(method: string): Record<string, string>;
}

export interface Session extends Credentials {
  /** Revokes the credentials server-side (logout). */
  logout(): Promise<Response>;
}

export interface AuthDriver {
  kind: 'jwt' | 'session' | 'oidc';
  /** Logs in with a password (jwt, session); returns the raw response for negative tests. */
  login(username: string, password: string): Promise<Response>;
  /** Logs in and fails the test unless it worked. */
  signIn(username: string, password: string): Promise<Session>;
}

export interface Target {
  baseUrl: string;
  /** Headers a TLS-terminating proxy adds in front of the app. */
  proxyHeaders: Record<string, string>;
}

export const json = (body: unknown): { body: string; headers: Record<string, string> } => ({
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

export function jwtDriver(target: Target): AuthDriver & {
  refresh(refreshToken: string): Promise<Response>;
  tokens(username: string, password: string): Promise<{ access: string; refresh: string }>;
} {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${target.baseUrl}${path}`, {
      method: 'POST',
      ...json(body),
      headers: { ...target.proxyHeaders, 'Content-Type': 'application/json', ...headers },
      redirect: 'manual',
    });
  const driver = {
    kind: 'jwt' as const,
    login: (username: string, password: string) => post('/api/v1/auth/token/', { username, password }),
    refresh: (refresh: string) => post('/api/v1/auth/token/refresh/', { refresh }),
    async tokens(username: string, password: string) {
      const response = await driver.login(username, password);
      if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
      return (await response.json()) as { access: string; refresh: string };
    },
    async signIn(username: string, password: string): Promise<Session> {
      const { access, refresh } = await driver.tokens(username, password);
      const headers = () => ({ Authorization: `Bearer ${access}` });
      return {
        headers,
        logout: () => post('/api/v1/auth/logout/', { refresh }, headers()),
      };
    },
  };
  return driver;
}
