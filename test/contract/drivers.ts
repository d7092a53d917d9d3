import type { IdentityProvider } from './identity-provider.js';

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
  /**
   * Logs in with a password (jwt, session; oidc has no login); the raw response, for negative
   * tests. `headers` are added to the request, e.g. the X-Forwarded-For of another client.
   */
  login(username: string, password: string, headers?: Record<string, string>): Promise<Response>;
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
    login: (username: string, password: string, headers: Record<string, string> = {}) =>
      post('/api/v1/auth/token/', { username, password }, headers),
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

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Cookies as a client keeps them: name -> value, from Set-Cookie headers. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = /;\s*max-age=0\b/i.test(line) || value === '' || value === '""';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** The first cookie whose name contains `part` (`session` finds `__Host-sessionid`). */
  find(part: string): { name: string; value: string } | undefined {
    for (const [name, value] of this.cookies) if (name.toLowerCase().includes(part)) return { name, value };
    return undefined;
  }
}

/**
 * Session auth as a browser uses it: `POST /api/v1/auth/login/` sets the session cookie and
 * returns `csrf_token`; unsafe requests send the cookies, `X-CSRFToken`, and the Origin and
 * Referer of the site (behind the TLS proxy, https and the server's own host).
 */
export function sessionDriver(target: Target): AuthDriver & {
  signInWith(jar: CookieJar, username: string, password: string): Promise<Session & { jar: CookieJar; csrf: string }>;
  origin: string;
} {
  const origin = `https://${new URL(target.baseUrl).host}`;
  const siteHeaders = { Origin: origin, Referer: `${origin}/` };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${target.baseUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { ...target.proxyHeaders, ...siteHeaders, 'Content-Type': 'application/json', ...headers },
      redirect: 'manual',
    });
  const driver = {
    kind: 'session' as const,
    origin,
    login: (username: string, password: string, headers: Record<string, string> = {}) =>
      post('/api/v1/auth/login/', { username, password }, headers),
    async signInWith(jar: CookieJar, username: string, password: string) {
      const response = await post('/api/v1/auth/login/', { username, password }, jar.cookies.size ? { Cookie: jar.header() } : {});
      if (response.status !== 200) throw new Error(`login as ${username} failed: ${response.status} ${await response.text()}`);
      jar.take(response);
      const csrf = ((await response.json()) as { csrf_token?: string }).csrf_token ?? jar.find('csrftoken')?.value ?? '';
      const headers = (method: string): Record<string, string> => ({
        Cookie: jar.header(),
        ...(UNSAFE.has(method.toUpperCase()) ? { 'X-CSRFToken': csrf, ...siteHeaders } : {}),
      });
      return {
        jar,
        csrf,
        headers,
        logout: async () => {
          const out = await post('/api/v1/auth/logout/', {}, headers('POST'));
          jar.take(out);
          return out;
        },
      };
    },
    signIn: (username: string, password: string): Promise<Session> => driver.signInWith(new CookieJar(), username, password),
  };
  return driver;
}

/**
 * OIDC: there is no login; a token minted by the fake identity provider for the user, with the
 * user's role in its `roles` claim, is the credential. `rolesOf` says which roles a user has.
 */
export function oidcDriver(idp: IdentityProvider, rolesOf: (username: string) => readonly string[]): AuthDriver {
  return {
    kind: 'oidc',
    login: () => Promise.reject(new Error('OIDC has no password login: tokens come from the identity provider')),
    signIn(username: string): Promise<Session> {
      const token = idp.mint(idp.claims(username, rolesOf(username)));
      return Promise.resolve({
        headers: () => ({ Authorization: `Bearer ${token}` }),
        // Tokens end at the identity provider (or when they expire); the API keeps no session.
        logout: () => Promise.resolve(new Response(null, { status: 204 })),
      });
    },
  };
}
