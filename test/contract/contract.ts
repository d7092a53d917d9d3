/**
 * The HTTP contract of shared/DESIGN.md, as a black-box suite. It is given a running server (any
 * framework) and a way to authenticate, and it walks the contract with plain fetch. Register it
 * from a spec that starts the server: `defineContract({ auth: 'jwt', start, stop })`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthDriver, CookieJar, jwtDriver, oidcDriver, type Session, sessionDriver, type Target } from './drivers.js';
import type { IdentityProvider } from './identity-provider.js';

export type Role = 'admin' | 'editor' | 'viewer';

export interface ContractServer {
  target: Target;
  /** One user per role, created with the project's own create-user command. */
  users: Record<Role, { username: string; password: string }>;
  /** A user that exists only to be locked out. */
  lockoutUser: { username: string; password: string };
  /** Failed logins after which that user is locked (the server's configured threshold). */
  lockoutAfter: number;
  /** A user that exists only to reach the per-username sign-in limit. */
  limitUser: { username: string; password: string };
  /** Sign-in tries per username a minute (the server's RATE_LIMIT_LOGIN_USERNAME). */
  loginLimitPerUsername: number;
  /** With `auth: 'oidc'`: the identity provider the server trusts (OIDC_ISSUER, ...). */
  identityProvider?: IdentityProvider;
}

export interface ContractOptions {
  auth: 'jwt' | 'session' | 'oidc';
  start(): Promise<ContractServer>;
  stop(): Promise<void>;
}

const PROBLEM_JSON = /^application\/problem\+json/;
/** `?format=json` of GET /api/schema/: JSON in both frameworks (Django's default is YAML). */
const OPENAPI_JSON = /^application\/(vnd\.oai\.openapi\+)?json\b/;
/**
 * The most tries one client address needs before a 429: the highest per-address rate the contract
 * targets configure (RATE_LIMIT_LOGIN_IP=200/minute, test/support/contract-target.ts), plus one.
 * The anonymous per-address limit (60/minute by default) usually answers first.
 */
const MAX_TRIES_PER_ADDRESS = 201;

async function expectProblem(response: Response, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(PROBLEM_JSON);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(typeof body.title).toBe('string');
  const text = Object.values(body).map(String).join('\n');
  expect(text).not.toMatch(/Traceback \(most recent call last\)|File ".+", line \d+/);
  return body;
}

function driverFor(auth: ContractOptions['auth'], server: ContractServer): AuthDriver {
  if (auth === 'jwt') return jwtDriver(server.target);
  if (auth === 'session') return sessionDriver(server.target);
  const idp = server.identityProvider;
  if (idp === undefined) throw new Error('auth oidc needs the server to give its identityProvider');
  const roles = new Map(Object.entries(server.users).map(([role, user]) => [user.username, [role]]));
  return oidcDriver(idp, (username) => roles.get(username) ?? []);
}

export function defineContract(options: ContractOptions): void {
  const passwords = options.auth !== 'oidc';
  describe(`the HTTP contract (auth: ${options.auth})`, () => {
    let server: ContractServer;
    let driver: AuthDriver;
    const sessions = {} as Record<Role, Session>;

    const url = (path: string) => `${server.target.baseUrl}${path}`;
    const request = (path: string, init: RequestInit & { as?: Role } = {}) => {
      const method = init.method ?? 'GET';
      const auth = init.as === undefined ? {} : sessions[init.as].headers(method);
      return fetch(url(path), {
        ...init,
        redirect: 'manual',
        headers: { ...server.target.proxyHeaders, ...auth, ...(init.headers as Record<string, string> | undefined) },
      });
    };
    const send = (method: string, path: string, as: Role, body?: unknown) =>
      request(path, { method, as, body: body === undefined ? undefined : JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    /** A valid new book (the seeded catalog's first author and publisher), as an editor may POST it. */
    const newBook = async (title: string) => {
      const authors = (await (await request('/api/v1/authors/', { as: 'editor' })).json()) as { results: { id: number }[] };
      const books = (await (await request('/api/v1/books/', { as: 'editor' })).json()) as { results: { publisher: { id: number } }[] };
      return { title, description: '<p>ok</p>', published: '2024-01-01', price: '12.50', author: authors.results[0]?.id, publisher: books.results[0]?.publisher.id, genres: [] };
    };

    beforeAll(async () => {
      server = await options.start();
      driver = driverFor(options.auth, server);
      for (const role of ['admin', 'editor', 'viewer'] as const) {
        sessions[role] = await driver.signIn(server.users[role].username, server.users[role].password);
      }
    });

    afterAll(async () => {
      await options.stop();
    });

    describe('health', () => {
      it('GET /health/ answers 200 {"status": "ok"} to anyone, with the readiness of the database and the cache', async () => {
        const response = await request('/health/');
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
        // docs/operations.md; the 503 when one of them is down is test/e2e/operations.spec.ts's
        // (this suite cannot stop the server's services).
        expect(await response.json()).toEqual({ status: 'ok', checks: { database: 'ok', cache: 'ok' } });
      });
    });

    describe('authentication', () => {
      it('refuses the API without credentials: 401 problem+json', async () => {
        await expectProblem(await request('/api/v1/auth/me/'), 401);
      });

      it('tells who is signed in and with which roles', async () => {
        const response = await request('/api/v1/auth/me/', { as: 'editor' });
        expect(response.status).toBe(200);
        const me = (await response.json()) as { username: string; roles: string[] };
        expect(me.username).toBe(server.users.editor.username);
        expect(me.roles).toEqual(['editor']);
        expect(response.headers.get('cache-control')).toMatch(/no-store/);
      });

      it.runIf(passwords)('answers a wrong password and an unknown user alike', async () => {
        const wrongPassword = await driver.login(server.users.viewer.username, 'not-the-password-at-all');
        const unknownUser = await driver.login('nobody-by-this-name', 'not-the-password-at-all');
        const bodyOf = async (response: Response) => {
          const body = (await expectProblem(response, 401)) as Record<string, unknown>;
          delete body.instance;
          return body;
        };
        expect(await bodyOf(wrongPassword)).toEqual(await bodyOf(unknownUser));
      });

      it('does not let a user grant themselves a role through /auth/me/', async () => {
        const attempt = await send('PATCH', '/api/v1/auth/me/', 'viewer', { roles: ['admin'], is_staff: true, is_superuser: true });
        expect([200, 403, 405]).toContain(attempt.status);
        const me = (await (await request('/api/v1/auth/me/', { as: 'viewer' })).json()) as { roles: string[] };
        expect(me.roles).toEqual(['viewer']);
      });
    });

    describe.runIf(options.auth === 'jwt')('JWT tokens', () => {
      const jwt = () => jwtDriver(server.target);
      const bearer = (token: string) => request('/api/v1/auth/me/', { headers: { Authorization: `Bearer ${token}` } });
      const forge = (header: object, payload: object, signature = '') =>
        [header, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + `.${signature}`;
      const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()) as Record<string, unknown>;

      it('rotates the refresh token and refuses the old one afterwards', async () => {
        const { refresh } = await jwt().tokens(server.users.viewer.username, server.users.viewer.password);
        const rotated = await jwt().refresh(refresh);
        expect(rotated.status).toBe(200);
        const pair = (await rotated.json()) as { access: string; refresh: string };
        expect(pair.refresh).not.toBe(refresh);
        expect((await bearer(pair.access)).status).toBe(200);
        await expectProblem(await jwt().refresh(refresh), 401);
      });

      it('revokes the refresh token at logout', async () => {
        const { access, refresh } = await jwt().tokens(server.users.viewer.username, server.users.viewer.password);
        const logout = await request('/api/v1/auth/logout/', {
          method: 'POST',
          body: JSON.stringify({ refresh }),
          headers: { Authorization: `Bearer ${access}`, 'Content-Type': 'application/json' },
        });
        expect([200, 204, 205]).toContain(logout.status);
        await expectProblem(await jwt().refresh(refresh), 401);
      });

      it('sets and checks exp, iat, aud and iss, with a short access lifetime', async () => {
        const { access } = await jwt().tokens(server.users.viewer.username, server.users.viewer.password);
        const payload = claims(access) as { exp: number; iat: number; aud: unknown; iss: unknown };
        expect(payload.aud).toBeTruthy();
        expect(payload.iss).toBeTruthy();
        expect(payload.exp - payload.iat).toBeLessThanOrEqual(15 * 60);
      });

      it('refuses alg=none, a tampered payload and a wrong signature', async () => {
        const { access } = await jwt().tokens(server.users.viewer.username, server.users.viewer.password);
        const [header, payload, signature] = access.split('.') as [string, string, string];
        const elevated = { ...claims(access), user_id: '1', sub: '1' };
        await expectProblem(await bearer(forge({ alg: 'none', typ: 'JWT' }, claims(access))), 401);
        await expectProblem(await bearer(`${header}.${Buffer.from(JSON.stringify(elevated)).toString('base64url')}.${signature}`), 401);
        await expectProblem(await bearer(`${header}.${payload}.${signature.slice(0, -4)}AAAA`), 401);
      });

      it('does not take a refresh token as an access token, nor the reverse', async () => {
        const { access, refresh } = await jwt().tokens(server.users.viewer.username, server.users.viewer.password);
        await expectProblem(await bearer(refresh), 401);
        await expectProblem(await jwt().refresh(access), 401);
      });

      it('ignores a token in the query string', async () => {
        const { access } = await jwt().tokens(server.users.viewer.username, server.users.viewer.password);
        await expectProblem(await request(`/api/v1/auth/me/?access_token=${access}&token=${access}`), 401);
      });
    });

    describe.runIf(options.auth === 'session')('sessions', () => {
      const sessions = () => sessionDriver(server.target);
      const me = (jar: CookieJar) => request('/api/v1/auth/me/', { headers: { Cookie: jar.header() } });
      const viewer = () => server.users.viewer;

      it('sets a __Host- session cookie that is Secure, HttpOnly and SameSite=Lax at login', async () => {
        const response = await sessions().login(viewer().username, viewer().password);
        expect(response.status).toBe(200);
        const cookie = response.headers.getSetCookie().find((line) => /^__Host-[^=]*session/i.test(line));
        expect(cookie).toBeDefined();
        expect(cookie).toMatch(/;\s*Secure/i);
        expect(cookie).toMatch(/;\s*HttpOnly/i);
        expect(cookie).toMatch(/;\s*SameSite=Lax/i);
        expect(cookie).toMatch(/;\s*Path=\//i);
        expect(cookie).not.toMatch(/;\s*Domain=/i);
      });

      it('gives a new session id at login, and the old one stops working', async () => {
        const jar = new CookieJar();
        await sessions().signInWith(jar, viewer().username, viewer().password);
        const before = jar.find('session')?.value;
        await sessions().signInWith(jar, viewer().username, viewer().password);
        const after = jar.find('session');
        expect(after?.value).toBeTruthy();
        expect(after?.value).not.toBe(before);
        const old = new CookieJar();
        old.cookies.set(after?.name ?? '', before ?? '');
        await expectProblem(await me(old), 401);
        expect((await me(jar)).status).toBe(200);
      });

      it('refuses an unsafe request without the CSRF token or from another origin (403)', async () => {
        const session = await sessions().signInWith(new CookieJar(), server.users.editor.username, server.users.editor.password);
        const withoutToken = { ...session.headers('POST') } as Record<string, string>;
        delete withoutToken['X-CSRFToken'];
        // A book the editor could create: only the missing token can make this a 403.
        const body = JSON.stringify(await newBook('CSRF Probe'));
        const refused = await request('/api/v1/books/', { method: 'POST', body, headers: { ...withoutToken, 'Content-Type': 'application/json' } });
        await expectProblem(refused, 403);
        const wrongOrigin = { ...session.headers('POST'), Origin: 'https://evil.example', Referer: 'https://evil.example/' };
        await expectProblem(await request('/api/v1/auth/logout/', { method: 'POST', headers: wrongOrigin }), 403);
        expect((await me(session.jar)).status).toBe(200);
      });

      it('ends the session server-side at logout: the old cookie no longer works', async () => {
        const session = await sessions().signInWith(new CookieJar(), viewer().username, viewer().password);
        const copy = new CookieJar();
        for (const [name, value] of session.jar.cookies) copy.cookies.set(name, value);
        expect((await me(copy)).status).toBe(200);
        expect([200, 204]).toContain((await session.logout()).status);
        await expectProblem(await me(copy), 401);
      });

      it('gives a client the CSRF token at GET /api/v1/auth/csrf/', async () => {
        const response = await request('/api/v1/auth/csrf/');
        expect(response.status).toBe(200);
        expect(((await response.json()) as { csrf_token?: string }).csrf_token).toBeTruthy();
        expect(response.headers.getSetCookie().some((line) => /^__Host-[^=]*csrf/i.test(line))).toBe(true);
      });

      it('has no token endpoints', async () => {
        const response = await request('/api/v1/auth/token/', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
        expect([404, 405]).toContain(response.status);
      });
    });

    describe.runIf(options.auth === 'oidc')('OIDC access tokens', () => {
      const idp = () => server.identityProvider as IdentityProvider;
      const bearer = (token: string) => request('/api/v1/auth/me/', { headers: { Authorization: `Bearer ${token}` } });
      const valid = (extra: Record<string, unknown> = {}) => idp().claims(server.users.viewer.username, ['viewer'], extra);
      const now = () => Math.floor(Date.now() / 1000);

      it('takes a token from the identity provider, RS256 or ES256', async () => {
        expect((await bearer(idp().mint(valid(), 'rsa-1'))).status).toBe(200);
        expect((await bearer(idp().mint(valid(), 'ec-1'))).status).toBe(200);
      });

      it('refuses alg=none, HS256 with the public key as secret, and a wrong signature', async () => {
        await expectProblem(await bearer(idp().unsigned(valid())), 401);
        await expectProblem(await bearer(idp().hs256WithPublicKey(valid())), 401);
        const [header, payload, signature] = idp().mint(valid()).split('.') as [string, string, string];
        await expectProblem(await bearer(`${header}.${payload}.${signature.slice(0, -4)}AAAA`), 401);
        const elevated = Buffer.from(JSON.stringify(valid({ roles: ['admin'] }))).toString('base64url');
        await expectProblem(await bearer(`${header}.${elevated}.${signature}`), 401);
      });

      it('refuses a wrong iss or aud, an expired token and one not valid yet', async () => {
        await expectProblem(await bearer(idp().mint(valid({ iss: 'https://evil.example' }))), 401);
        await expectProblem(await bearer(idp().mint(valid({ aud: 'another-api' }))), 401);
        await expectProblem(await bearer(idp().mint(valid({ iat: now() - 3600, nbf: now() - 3600, exp: now() - 120 }))), 401);
        await expectProblem(await bearer(idp().mint(valid({ nbf: now() + 600, exp: now() + 900 }))), 401);
      });

      it('does not fetch the JWKS again for each unknown kid', async () => {
        expect((await bearer(idp().mint(valid()))).status).toBe(200);
        const before = idp().jwksRequests;
        for (let attempt = 0; attempt < 20; attempt += 1) {
          await expectProblem(await bearer(idp().mint(valid(), 'rsa-1', { kid: `made-up-${attempt}` })), 401);
        }
        expect(idp().jwksRequests - before).toBeLessThanOrEqual(1);
      });

      it('ignores a token in the query string', async () => {
        const token = idp().mint(valid());
        await expectProblem(await request(`/api/v1/auth/me/?access_token=${token}&token=${token}`), 401);
      });

      it('has no token or login endpoints', async () => {
        for (const path of ['/api/v1/auth/token/', '/api/v1/auth/login/']) {
          const response = await request(path, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
          expect([401, 404, 405]).toContain(response.status);
        }
      });
    });

    describe('roles', () => {
      let bookId: number;

      it('lets every role read books, authors and genres', async () => {
        for (const role of ['viewer', 'editor', 'admin'] as const) {
          for (const path of ['/api/v1/books/', '/api/v1/authors/', '/api/v1/genres/']) {
            expect((await request(path, { as: role })).status, `${role} GET ${path}`).toBe(200);
          }
        }
      });

      it('gives one book to every role: 200 with its author, publisher, genres and description', async () => {
        const list = (await (await request('/api/v1/books/', { as: 'viewer' })).json()) as { results: Record<string, unknown>[] };
        const listed = list.results[0] as { id: number } & Record<string, unknown>;
        for (const role of ['viewer', 'editor', 'admin'] as const) {
          const response = await request(`/api/v1/books/${listed.id}/`, { as: role });
          expect(response.status, `${role} GET /api/v1/books/${listed.id}/`).toBe(200);
          expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
          const book = (await response.json()) as Record<string, unknown>;
          expect(Object.keys(book).sort()).toEqual(['author', 'description', 'genres', 'id', 'price', 'published', 'publisher', 'title']);
          // The list item is the detail without its (large) description.
          expect({ ...book, description: undefined }).toEqual({ ...listed, description: undefined });
          expect(typeof book.description).toBe('string');
          expect(book.author).toEqual({ id: expect.any(Number), name: expect.any(String) });
          expect(book.publisher).toEqual({ id: expect.any(Number), name: expect.any(String) });
          for (const genre of book.genres as unknown[]) expect(genre).toEqual({ id: expect.any(Number), name: expect.any(String) });
        }
      });

      it('lets an editor create and update a book, and refuses a viewer (403)', async () => {
        const book = await newBook('Contract Testing');
        await expectProblem(await send('POST', '/api/v1/books/', 'viewer', book), 403);
        const created = await send('POST', '/api/v1/books/', 'editor', book);
        expect(created.status, await created.clone().text()).toBe(201);
        bookId = ((await created.json()) as { id: number }).id;
        expect((await send('PATCH', `/api/v1/books/${bookId}/`, 'editor', { title: 'Contract Testing, 2nd ed.' })).status).toBe(200);
        await expectProblem(await send('PATCH', `/api/v1/books/${bookId}/`, 'viewer', { title: 'x' }), 403);
      });

      it('lets only an admin delete a book', async () => {
        await expectProblem(await send('DELETE', `/api/v1/books/${bookId}/`, 'editor'), 403);
        expect((await send('DELETE', `/api/v1/books/${bookId}/`, 'admin')).status).toBe(204);
        await expectProblem(await request(`/api/v1/books/${bookId}/`, { as: 'viewer' }), 404);
      });

    });

    describe('OpenAPI schema', () => {
      type OpenApi = { openapi: string; info: { title: string }; paths: Record<string, Record<string, unknown>> };
      const methodsOf = (schema: OpenApi, path: string) =>
        Object.keys(schema.paths[path] ?? {}).filter((key) => ['get', 'post', 'put', 'patch', 'delete'].includes(key)).sort();
      /** The path of one book, whatever its parameter is named (`{id}`, `{book_id}`). */
      const bookPath = (schema: OpenApi) => Object.keys(schema.paths).find((path) => /^\/api\/v1\/books\/\{[a-z_]+\}\/$/.test(path));

      it('refuses the document to anonymous clients: 401 problem+json', async () => {
        await expectProblem(await request('/api/schema/'), 401);
        await expectProblem(await request('/api/schema/?format=json'), 401);
      });

      it('gives every signed-in role an OpenAPI 3 document of the contract (GET /api/schema/?format=json)', async () => {
        for (const role of ['viewer', 'editor', 'admin'] as const) {
          const response = await request('/api/schema/?format=json', { as: role });
          expect(response.status, `${role} GET /api/schema/?format=json`).toBe(200);
          expect(response.headers.get('content-type')).toMatch(OPENAPI_JSON);
          const schema = (await response.json()) as OpenApi;
          expect(schema.openapi).toMatch(/^3\.\d+\.\d+$/);
          expect(typeof schema.info.title).toBe('string');
          expect(methodsOf(schema, '/api/v1/books/')).toEqual(['get', 'post']);
          const onePath = bookPath(schema);
          expect(onePath, Object.keys(schema.paths).join(', ')).toBeDefined();
          expect(methodsOf(schema, onePath ?? '')).toEqual(['delete', 'get', 'patch']);
          expect(methodsOf(schema, '/api/v1/authors/')).toContain('get');
          expect(methodsOf(schema, '/api/v1/genres/')).toContain('get');
          expect(methodsOf(schema, '/api/v1/auth/me/')).toContain('get');
          // The table's "all of the above" includes GET /health/ (Django adds it by a schema hook).
          expect(methodsOf(schema, '/health/')).toEqual(['get']);
          const auth = {
            jwt: ['/api/v1/auth/token/', '/api/v1/auth/token/refresh/', '/api/v1/auth/logout/'],
            session: ['/api/v1/auth/login/', '/api/v1/auth/logout/'],
            oidc: [],
          }[options.auth];
          for (const path of auth) expect(methodsOf(schema, path), path).toEqual(['post']);
          if (options.auth === 'oidc') {
            expect(Object.keys(schema.paths).filter((path) => /\/auth\/(token|login|logout)\//.test(path))).toEqual([]);
          }
          expect(schema.paths['/api/schema/']).toBeUndefined();
        }
      });

      it('answers GET /api/schema/ without a format with the same document, as JSON or YAML', async () => {
        const response = await request('/api/schema/', { as: 'viewer' });
        expect(response.status).toBe(200);
        const type = response.headers.get('content-type') ?? '';
        const text = await response.text();
        if (OPENAPI_JSON.test(type)) {
          const schema = JSON.parse(text) as OpenApi;
          expect(schema.openapi).toMatch(/^3\./);
          expect(schema.paths['/api/v1/books/']).toBeDefined();
        } else {
          // YAML: drf-spectacular's default, application/vnd.oai.openapi.
          expect(type).toMatch(/^application\/(vnd\.oai\.openapi|yaml|x-yaml)\s*(;|$)/);
          expect(text).toMatch(/^openapi: '?3\.\d+\.\d+'?$/m);
          expect(text).toMatch(/^ {2}\/api\/v1\/books\/:$/m);
        }
      });
    });

    describe('transport and headers', () => {
      it('sends the security headers on API responses', async () => {
        const response = await request('/api/v1/books/', { as: 'viewer' });
        const header = (name: string) => response.headers.get(name) ?? '';
        expect(header('strict-transport-security')).toMatch(/max-age=31536000; includeSubDomains/);
        expect(header('content-security-policy')).toMatch(/default-src 'none'/);
        expect(header('content-security-policy')).toMatch(/frame-ancestors 'none'/);
        expect(header('x-content-type-options')).toBe('nosniff');
        expect(header('x-frame-options')).toBe('DENY');
        expect(header('cross-origin-opener-policy')).toBe('same-origin');
        expect(header('cache-control')).toMatch(/no-store/);
      });

      it('does not serve the API over plain HTTP', async () => {
        const response = await fetch(url('/api/v1/books/'), { redirect: 'manual', headers: sessions.viewer.headers('GET') });
        expect([301, 308, 400, 403]).toContain(response.status);
        if (response.status < 400) expect(response.headers.get('location')).toMatch(/^https:\/\//);
      });
    });

    describe('errors', () => {
      it('answers an unknown path with a problem+json 404', async () => {
        await expectProblem(await request('/api/v1/no-such-thing/', { as: 'viewer' }), 404);
      });

      it('answers malformed JSON with a problem+json 400', async () => {
        const response = await request('/api/v1/books/', { method: 'POST', as: 'editor', body: '{"title": ', headers: { 'Content-Type': 'application/json' } });
        await expectProblem(response, 400);
      });
    });

    describe.runIf(passwords)('brute force', () => {
      it('locks an account after repeated failures: 429 problem+json with Retry-After', async () => {
        const { username, password } = server.lockoutUser;
        let last: Response | undefined;
        for (let attempt = 0; attempt < server.lockoutAfter; attempt += 1) {
          last = await driver.login(username, `wrong-password-${attempt}`);
          expect([401, 429]).toContain(last.status);
        }
        const locked = await driver.login(username, password);
        await expectProblem(locked, 429);
        expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      });

      it('limits tries for one username from any address: 429 problem+json with Retry-After', async () => {
        const { username, password } = server.limitUser;
        const limit = server.loginLimitPerUsername;
        // A fixed window may follow the clock's minutes (Django's do): a burst that crossed a
        // minute would be counted in two windows. Start it early enough in a minute to end in it.
        const intoMinute = Date.now() % 60_000;
        if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 250));
        let limited: Response | undefined;
        let tries = 0;
        while (limited === undefined && tries <= limit) {
          tries += 1;
          // Each try from an address of its own (the suite stands where the proxy is): neither the
          // per-address limit nor the lockout, which counts a username and an address together, applies.
          const response = await driver.login(username, `wrong-password-${tries}`, { 'X-Forwarded-For': `198.51.100.${tries}` });
          if (response.status === 429) limited = response;
          else expect(response.status, `try ${tries}`).toBe(401);
        }
        expect(limited, `no 429 after ${tries} tries for one username`).toBeDefined();
        expect(tries, 'the try refused first').toBe(limit + 1);
        await expectProblem(limited as Response, 429);
        const retryAfter = Number((limited as Response).headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        // The right password from yet another address is refused too: the limit is the username's.
        await expectProblem(await driver.login(username, password, { 'X-Forwarded-For': '198.51.100.250' }), 429);
      });

      it('limits tries from one client address: 429 problem+json with Retry-After, other addresses unaffected', async () => {
        // The suite stands where the TLS proxy is (TRUSTED_PROXY_COUNT=1), so X-Forwarded-For names
        // the client: addresses of their own keep these tries from limiting the rest of the suite.
        const from = (address: string) => ({ 'X-Forwarded-For': address });
        let limited: Response | undefined;
        let tries = 0;
        while (limited === undefined && tries < MAX_TRIES_PER_ADDRESS) {
          tries += 1;
          // Without a password: refused (400) before any password is hashed, and still counted
          // against the address; each try names another user, so no username limit or lockout applies.
          const response = await driver.login(`rate-probe-${tries}`, '', from('203.0.113.7'));
          if (response.status === 429) limited = response;
          else expect(response.status, `try ${tries}`).toBe(400);
        }
        expect(limited, `no 429 after ${tries} tries from one address`).toBeDefined();
        await expectProblem(limited as Response, 429);
        const retryAfter = Number((limited as Response).headers.get('retry-after'));
        // Every rate is per minute: the window ends within 60 seconds.
        expect(retryAfter).toBeGreaterThan(0);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect((await driver.login('rate-probe-elsewhere', '', from('203.0.113.8'))).status).toBe(400);
      });
    });
  });
}
