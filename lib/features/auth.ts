import type { Auth } from '../choices.js';
import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

const JWT_ENV_EXAMPLE = [
  '# JWT signing key: optional in development (a new random key at each start when empty);',
  '# required in production, 43 or more random characters, not the SECRET_KEY:',
  '#   python -c "import secrets; print(secrets.token_urlsafe(48))"',
  'JWT_SIGNING_KEY=',
  '',
].join('\n');

/** Flask: auth_jwt/ is initialised by create_app; the key is read per environment by config.py. */
const flaskJwtInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# JWT bearer tokens (auth_jwt/): /api/v1/auth/token/, token/refresh/ and logout/.',
      'from .auth_jwt import init_app as init_auth_jwt',
      '',
      'init_auth_jwt(app)',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: '# JWT: tokens are signed with JWT_SIGNING_KEY, 256 bits or more, never SECRET_KEY.\nJWT_SIGNING_KEY: str | None = None\n',
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config-development',
    content: '# Without JWT_SIGNING_KEY in .env, each start makes a new key: tokens end at a restart.\nself.JWT_SIGNING_KEY = env.get("JWT_SIGNING_KEY") or secrets.token_urlsafe(48)',
  },
  { file: `${spec.packageName}/config.py`, needle: 'config-test', content: 'self.JWT_SIGNING_KEY = secrets.token_urlsafe(48)' },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config-production',
    content: '# Checked at start (auth_jwt/tokens.py): 43+ random characters, not SECRET_KEY.\nself.JWT_SIGNING_KEY = env.require("JWT_SIGNING_KEY")',
  },
  { file: 'tests/conftest.py', needle: 'production-env', content: '"JWT_SIGNING_KEY": secrets.token_urlsafe(48),' },
  {
    file: 'tests/security/test_url_map.py',
    needle: 'public-endpoints',
    content: '"/api/v1/auth/token/",\n"/api/v1/auth/token/refresh/",',
  },
  { file: '.env.example', needle: 'env', content: JWT_ENV_EXAMPLE },
  {
    file: 'README.md',
    needle: 'readme-features',
    content:
      '- **JWT authentication**: `POST /api/v1/auth/token/` gives a 5-minute access token and a refresh token; `POST /api/v1/auth/token/refresh/` rotates the refresh token (a reused one is refused and revokes the user\'s other refresh tokens); `POST /api/v1/auth/logout/` revokes it. Refresh tokens are rows of `refresh_tokens` (`flask flush-expired-tokens` deletes expired ones). Production needs `JWT_SIGNING_KEY`. See docs/auth-jwt in the Bulwark documentation.',
  },
];

/** Flask: auth_session/ replaces Flask's cookie session with one kept in the cache. */
const flaskSessionInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# Session authentication (auth_session/): /api/v1/auth/login/, logout/ and csrf/.',
      'from .auth_session import init_app as init_auth_session',
      '',
      'init_auth_session(app)',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: [
      '# Sessions (auth_session/): kept in the cache, Redis in production. A session unused for',
      '# 30 minutes ends (each request restarts the clock); every session ends 8 hours after login.',
      'SESSION_IDLE_TIMEOUT = 30 * 60',
      'SESSION_ABSOLUTE_TIMEOUT = 8 * 60 * 60',
      '# The CSRF cookie (its value goes back as X-CSRFToken); __Host-csrftoken in production.',
      'CSRF_COOKIE_NAME = "csrftoken"',
      'CSRF_COOKIE_SECURE = False',
      '',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config-production',
    content: '# The CSRF cookie over HTTPS only, bound to this exact host.\nself.CSRF_COOKIE_NAME = "__Host-csrftoken"\nself.CSRF_COOKIE_SECURE = True',
  },
  {
    file: 'tests/security/test_url_map.py',
    needle: 'public-endpoints',
    content: '"/api/v1/auth/login/",\n"/api/v1/auth/csrf/",',
  },
  {
    file: 'README.md',
    needle: 'readme-features',
    content:
      '- **Session authentication**: `POST /api/v1/auth/login/` sets the session cookie and returns the user with a CSRF token; send it back as `X-CSRFToken` on POST, PUT, PATCH and DELETE (`GET /api/v1/auth/csrf/` gives a fresh one); `POST /api/v1/auth/logout/` ends the session server-side. Sessions live in Redis in production and end after 30 idle minutes or 8 hours. See docs/auth-session in the Bulwark documentation.',
  },
];

const OIDC_ENV_EXAMPLE = [
  '# OAuth2/OIDC: your identity provider. Required in production; in development every',
  '# token is refused until all three are set. Roles come from OIDC_ROLES_CLAIM (roles).',
  '# OIDC_ISSUER=https://idp.example.com/realms/main',
  '# OIDC_AUDIENCE=my-api',
  '# OIDC_JWKS_URL=https://idp.example.com/realms/main/protocol/openid-connect/certs',
  'OIDC_ISSUER=',
  'OIDC_AUDIENCE=',
  'OIDC_JWKS_URL=',
  'OIDC_ROLES_CLAIM=',
  '',
].join('\n');

const OIDC_PRODUCTION_ENV = '"OIDC_ISSUER": "https://idp.example.com",\n"OIDC_AUDIENCE": "api",\n"OIDC_JWKS_URL": "https://idp.example.com/jwks",';

/** The OIDC settings both frameworks share as they are: algorithms, role mapping, clock skew, JWKS caching. */
const OIDC_TUNING = [
  '# The only signature algorithms accepted; the key in the JWKS decides which one applies.',
  'OIDC_ALGORITHMS = ["RS256", "ES256"]',
  '# The claim naming the user\'s roles (a list, or a space-separated string); a dotted path',
  '# reaches into objects: "realm_access.roles" for Keycloak.',
  'OIDC_ROLES_CLAIM = "roles"',
  '# Claim values -> roles of this API. Values not listed here are ignored.',
  'OIDC_ROLE_MAP = {"admin": "admin", "editor": "editor", "viewer": "viewer"}',
  '# Clock skew allowed on exp and nbf, in seconds.',
  'OIDC_LEEWAY = 30',
  '# The JWKS is kept this long, and fetched at most once per OIDC_JWKS_MIN_REFETCH_SECONDS',
  '# across all workers, whatever tokens arrive (an unknown kid asks for a fetch).',
  'OIDC_JWKS_CACHE_SECONDS = 300',
  'OIDC_JWKS_MIN_REFETCH_SECONDS = 60',
  'OIDC_JWKS_TIMEOUT_SECONDS = 5',
  '',
];

/** Flask: auth_oidc/ registers a bearer authenticator; config.py reads the OIDC_* values per environment. */
const flaskOidcInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# OAuth2/OIDC resource server (auth_oidc/): bearer tokens from the identity provider.',
      'from .auth_oidc import init_app as init_auth_oidc',
      '',
      'init_auth_oidc(app)',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: [
      '# OAuth2/OIDC resource server (auth_oidc/): bearer access tokens from the identity',
      '# provider, verified against its JWKS. Each environment sets OIDC_ISSUER, OIDC_AUDIENCE',
      '# and OIDC_JWKS_URL; production requires them. Until all three are set, tokens are refused.',
      'OIDC_ISSUER = ""',
      'OIDC_AUDIENCE = ""',
      'OIDC_JWKS_URL = ""',
      ...OIDC_TUNING,
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config-development',
    content: [
      '# OIDC: from .env; until all three are set, every token is refused.',
      'self.OIDC_ISSUER = env.get("OIDC_ISSUER") or ""',
      'self.OIDC_AUDIENCE = env.get("OIDC_AUDIENCE") or ""',
      'self.OIDC_JWKS_URL = env.get("OIDC_JWKS_URL") or ""',
      'self.OIDC_ROLES_CLAIM = env.get("OIDC_ROLES_CLAIM") or "roles"',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config-test',
    content: [
      '# OIDC: tests/auth/ makes its own keys and serves their JWKS on loopback.',
      'self.OIDC_ISSUER = "https://idp.test/realms/test"',
      `self.OIDC_AUDIENCE = "${spec.name}-api"`,
      'self.OIDC_JWKS_URL = "http://127.0.0.1:9/not-served"',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config-production',
    content: [
      '# OIDC: tokens must come from OIDC_ISSUER, for OIDC_AUDIENCE, signed with a key of',
      '# OIDC_JWKS_URL (https, or http on a loopback address: checked by auth_oidc/ at start).',
      'self.OIDC_ISSUER = env.require("OIDC_ISSUER")',
      'self.OIDC_AUDIENCE = env.require("OIDC_AUDIENCE")',
      'self.OIDC_JWKS_URL = env.require("OIDC_JWKS_URL")',
      'self.OIDC_ROLES_CLAIM = env.get("OIDC_ROLES_CLAIM") or "roles"',
    ].join('\n'),
  },
  { file: 'tests/conftest.py', needle: 'production-env', content: OIDC_PRODUCTION_ENV },
  { file: '.env.example', needle: 'env', content: OIDC_ENV_EXAMPLE },
  {
    file: 'README.md',
    needle: 'readme-features',
    content:
      '- **OAuth2/OIDC resource server**: send `Authorization: Bearer <access token>` issued by your identity provider; tokens are verified against its JWKS (RS256 or ES256; `iss`, `aud`, `exp`, `nbf` checked), users are made from `sub` on first sight and their roles synced from the `roles` claim. Production needs `OIDC_ISSUER`, `OIDC_AUDIENCE` and `OIDC_JWKS_URL`. See docs/auth-oidc in the Bulwark documentation.',
  },
];

/** DRF's authentication classes setting; the trailing comma keeps the list on its own lines whatever the package name's length. */
const authenticationClasses = (dottedPath: string): string =>
  `REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] = [\n    "${dottedPath}",\n]`;

/**
 * One unit per `--auth` choice, applied right after the base. They are features in every way
 * but one: they are chosen by `--auth`, not listed in `--features`.
 */
export const AUTH_UNITS: Readonly<Record<Auth, Feature>> = {
  jwt: {
    id: 'auth-jwt',
    title: 'JWT authentication',
    description: 'Short-lived access tokens and rotated, revocable refresh tokens',
    frameworks: ['django', 'flask'],
    default: false,
    folder: 'auth/jwt',
    python: {
      django: { dependencies: ['djangorestframework-simplejwt>=5.5,<6', 'pyjwt>=2.10,<3'] },
      flask: { dependencies: ['pyjwt>=2.10,<3'] },
    },
    insertions: (spec) => {
      if (spec.framework === 'flask') return flaskJwtInsertions(spec);
      const settings = `${spec.packageName}/settings`;
      // Written as ruff format writes them: one line when it fits in 100 columns.
      const signingKey = (comment: string, key: string): string => {
        const call = `SIMPLE_JWT = simple_jwt(${key}, secret_key=SECRET_KEY)`;
        const wrapped = call.length <= 100 ? call : `SIMPLE_JWT = simple_jwt(\n    ${key}, secret_key=SECRET_KEY\n)`;
        return [comment, 'from .auth_jwt import simple_jwt  # noqa: E402', '', wrapped, ''].join('\n');
      };
      return [
        {
          file: `${settings}/base.py`,
          needle: 'installed-apps',
          content: `"rest_framework_simplejwt.token_blacklist",\n"${spec.packageName}.auth_jwt",`,
        },
        {
          file: `${settings}/base.py`,
          needle: 'settings',
          content: [
            '# JWT bearer tokens from the Authorization header (auth_jwt/); SIMPLE_JWT is made per',
            '# environment by settings/auth_jwt.py, with a signing key that is never SECRET_KEY.',
            authenticationClasses(`${spec.packageName}.auth_jwt.authentication.JWTAuthentication`),
            '',
          ].join('\n'),
        },
        {
          file: `${settings}/production.py`,
          needle: 'settings',
          content: signingKey(
            '# JWT: tokens are signed with JWT_SIGNING_KEY, 256 bits or more, never SECRET_KEY.',
            'env.require("JWT_SIGNING_KEY")',
          ),
        },
        {
          file: `${settings}/development.py`,
          needle: 'settings',
          content: signingKey(
            '# JWT: without JWT_SIGNING_KEY in .env, each start makes a new key: tokens end at a restart.',
            'env.get("JWT_SIGNING_KEY") or get_random_secret_key()',
          ),
        },
        { file: `${settings}/test.py`, needle: 'settings', content: signingKey('# JWT: a new signing key for each test run.', 'get_random_secret_key()') },
        { file: `${spec.packageName}/urls.py`, needle: 'urls', content: `path("api/v1/auth/", include("${spec.packageName}.auth_jwt.urls")),` },
        { file: 'tests/conftest.py', needle: 'production-env', content: '"JWT_SIGNING_KEY": secrets.token_urlsafe(48),' },
        {
          file: 'tests/security/test_url_map.py',
          needle: 'public-endpoints',
          content: '"/api/v1/auth/token/",\n"/api/v1/auth/token/refresh/",',
        },
        {
          file: '.env.example',
          needle: 'env',
          content: [
            '# JWT signing key: optional in development (a new random key at each start when empty);',
            '# required in production, 43 or more random characters, not the SECRET_KEY:',
            '#   python -c "import secrets; print(secrets.token_urlsafe(48))"',
            'JWT_SIGNING_KEY=',
            '',
          ].join('\n'),
        },
        {
          file: 'README.md',
          needle: 'readme-features',
          content:
            '- **JWT authentication**: `POST /api/v1/auth/token/` gives a 5-minute access token and a refresh token; `POST /api/v1/auth/token/refresh/` rotates the refresh token (a reused one is refused and revokes the user\'s other refresh tokens); `POST /api/v1/auth/logout/` revokes it. Production needs `JWT_SIGNING_KEY`. See docs/auth-jwt in the Bulwark documentation.',
        },
      ];
    },
  },
  session: {
    id: 'auth-session',
    title: 'Session authentication',
    description: 'Server-side sessions with login/logout endpoints and CSRF protection',
    frameworks: ['django', 'flask'],
    default: false,
    folder: 'auth/session',
    insertions: (spec) => {
      if (spec.framework === 'flask') return flaskSessionInsertions(spec);
      const settings = `${spec.packageName}/settings`;
      return [
        { file: `${settings}/base.py`, needle: 'installed-apps', content: `"${spec.packageName}.auth_session",` },
        {
          file: `${settings}/base.py`,
          needle: 'middleware',
          content: `# Ends sessions SESSION_ABSOLUTE_TIMEOUT after login, before any view sees the user.\n"${spec.packageName}.auth_session.middleware.AbsoluteSessionTimeoutMiddleware",`,
        },
        {
          file: `${settings}/base.py`,
          needle: 'settings',
          content: [
            '# Session authentication (auth_session/): the session cookie, with the CSRF token on',
            '# unsafe methods. Production names the cookies __Host-sessionid and __Host-csrftoken.',
            authenticationClasses(`${spec.packageName}.auth_session.authentication.SessionAuthentication`),
            '# Sessions live in the default cache: Redis in production, shared by every worker.',
            'SESSION_ENGINE = "django.contrib.sessions.backends.cache"',
            '# Idle timeout: a session unused for 30 minutes ends; each request restarts the clock.',
            'SESSION_COOKIE_AGE = 30 * 60',
            'SESSION_SAVE_EVERY_REQUEST = True',
            '# Absolute timeout: a session ends 8 hours after login, however active.',
            'SESSION_ABSOLUTE_TIMEOUT = 8 * 60 * 60',
            '',
          ].join('\n'),
        },
        { file: `${spec.packageName}/urls.py`, needle: 'urls', content: `path("api/v1/auth/", include("${spec.packageName}.auth_session.urls")),` },
        {
          file: 'tests/security/test_url_map.py',
          needle: 'public-endpoints',
          content: '"/api/v1/auth/login/",\n"/api/v1/auth/csrf/",',
        },
        {
          file: 'README.md',
          needle: 'readme-features',
          content:
            '- **Session authentication**: `POST /api/v1/auth/login/` sets the session cookie and returns the user with a CSRF token; send it back as `X-CSRFToken` on POST, PUT, PATCH and DELETE (`GET /api/v1/auth/csrf/` gives a fresh one); `POST /api/v1/auth/logout/` ends the session server-side. Sessions end after 30 idle minutes or 8 hours. See docs/auth-session in the Bulwark documentation.',
        },
      ];
    },
  },
  oidc: {
    id: 'auth-oidc',
    title: 'OAuth2/OIDC resource server',
    description: 'Access tokens from an identity provider, verified against its JWKS',
    frameworks: ['django', 'flask'],
    default: false,
    folder: 'auth/oidc',
    // The crypto extra brings cryptography, for RS256 and ES256.
    python: { django: { dependencies: ['pyjwt[crypto]>=2.10,<3'] }, flask: { dependencies: ['pyjwt[crypto]>=2.10,<3'] } },
    insertions: (spec) => {
      if (spec.framework === 'flask') return flaskOidcInsertions(spec);
      const settings = `${spec.packageName}/settings`;
      const endpoints = (comment: string, get: (name: string) => string): string =>
        [
          comment,
          `OIDC_ISSUER = ${get('OIDC_ISSUER')}`,
          `OIDC_AUDIENCE = ${get('OIDC_AUDIENCE')}`,
          `OIDC_JWKS_URL = ${get('OIDC_JWKS_URL')}`,
          '',
        ].join('\n');
      return [
        { file: `${settings}/base.py`, needle: 'installed-apps', content: `"${spec.packageName}.auth_oidc",` },
        {
          file: `${settings}/base.py`,
          needle: 'settings',
          content: [
            '# OAuth2/OIDC resource server (auth_oidc/): bearer access tokens from the identity',
            '# provider, verified against its JWKS. Each environment sets OIDC_ISSUER, OIDC_AUDIENCE',
            '# and OIDC_JWKS_URL; production requires them (settings/auth_oidc.py).',
            authenticationClasses(`${spec.packageName}.auth_oidc.authentication.OIDCAuthentication`),
            ...OIDC_TUNING,
          ].join('\n'),
        },
        {
          file: `${settings}/production.py`,
          needle: 'settings',
          content: [
            '# OIDC: tokens must come from OIDC_ISSUER, for OIDC_AUDIENCE, signed with a key of',
            '# OIDC_JWKS_URL (https, or http on a loopback address).',
            'from .auth_oidc import check_jwks_url  # noqa: E402',
            '',
            'OIDC_ISSUER = env.require("OIDC_ISSUER")',
            'OIDC_AUDIENCE = env.require("OIDC_AUDIENCE")',
            'OIDC_JWKS_URL = check_jwks_url(env.require("OIDC_JWKS_URL"))',
            'OIDC_ROLES_CLAIM = env.get("OIDC_ROLES_CLAIM", "roles")',
            '',
          ].join('\n'),
        },
        {
          file: `${settings}/development.py`,
          needle: 'settings',
          content:
            endpoints('# OIDC: from .env; until all three are set, every token is refused.', (name) => `env.get("${name}", "")`) +
            'OIDC_ROLES_CLAIM = env.get("OIDC_ROLES_CLAIM", "roles")\n',
        },
        {
          file: `${settings}/test.py`,
          needle: 'settings',
          content: [
            '# OIDC: tests/auth/ makes its own keys and serves their JWKS on loopback.',
            'OIDC_ISSUER = "https://idp.test/realms/test"',
            `OIDC_AUDIENCE = "${spec.name}-api"`,
            'OIDC_JWKS_URL = "http://127.0.0.1:9/not-served"',
            '',
          ].join('\n'),
        },
        { file: 'tests/conftest.py', needle: 'production-env', content: OIDC_PRODUCTION_ENV },
        { file: '.env.example', needle: 'env', content: OIDC_ENV_EXAMPLE },
        {
          file: 'README.md',
          needle: 'readme-features',
          content:
            '- **OAuth2/OIDC resource server**: send `Authorization: Bearer <access token>` issued by your identity provider; tokens are verified against its JWKS (RS256 or ES256; `iss`, `aud`, `exp`, `nbf` checked), users are made from `sub` on first sight and their roles synced from the `roles` claim. Production needs `OIDC_ISSUER`, `OIDC_AUDIENCE` and `OIDC_JWKS_URL`. See docs/auth-oidc in the Bulwark documentation.',
        },
      ];
    },
  },
};
