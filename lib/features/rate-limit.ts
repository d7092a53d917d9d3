import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

const SCOPES = ['anon', 'user', 'login_ip', 'login_username'] as const;

/** Read in production and development; test settings keep the defaults of core/throttles.py. */
const RATES_FROM_ENVIRONMENT = [
  '# Rate limits from RATE_LIMIT_ANON, RATE_LIMIT_USER, RATE_LIMIT_LOGIN_IP and',
  '# RATE_LIMIT_LOGIN_USERNAME ("10/minute"); unset ones keep the defaults of core/throttles.py.',
  'RATE_LIMITS = {',
  '    scope: rate',
  `    for scope in (${SCOPES.map((scope) => `"${scope}"`).join(', ')})`,
  '    if (rate := env.get(f"RATE_LIMIT_{scope.upper()}"))',
  '}',
  '',
].join('\n');

const ENV_EXAMPLE = [
  '# Rate limits, "<count>/<second|minute|hour|day>"; unset ones keep these defaults:',
  '# RATE_LIMIT_ANON=60/minute',
  '# RATE_LIMIT_USER=600/minute',
  '# RATE_LIMIT_LOGIN_IP=20/minute',
  '# RATE_LIMIT_LOGIN_USERNAME=10/minute',
  '',
].join('\n');

const README =
  '- **Rate limiting**: every API request is limited per anonymous client IP and per user, and logins per client IP and per username; past a limit the answer is 429 with `Retry-After`. Counts live in Redis in production, so they hold across workers. Tune with `RATE_LIMIT_*` (see `.env.example`).';

/** Flask: rate_limit.py on Flask-Limiter's storage, initialised by create_app; rates per environment in config.py. */
const RATES_FROM_LOADER = (environment: string): string =>
  [
  `# ${environment}: read through the secrets loader.`,
  '# Rate limits from RATE_LIMIT_ANON, RATE_LIMIT_USER, RATE_LIMIT_LOGIN_IP and',
  '# RATE_LIMIT_LOGIN_USERNAME ("10/minute"); unset ones keep the defaults of rate_limit.py.',
  'self.RATE_LIMITS = {',
  '    scope: rate',
  `    for scope in (${SCOPES.map((scope) => `"${scope}"`).join(', ')})`,
  '    if (rate := env.get(f"RATE_LIMIT_{scope.upper()}"))',
  '}',
].join('\n');

const flaskInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# Rate limits per client IP, per user and on login (rate_limit.py): 429 past a limit.',
      'from .rate_limit import init_app as init_rate_limits',
      '',
      'init_rate_limits(app)',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: '# Rate limits by scope ("anon": "60/minute", ...); rate_limit.DEFAULT_RATES for the others.\nRATE_LIMITS: dict[str, str] = {}\n',
  },
  { file: `${spec.packageName}/config.py`, needle: 'config-development', content: RATES_FROM_LOADER('Development') },
  { file: `${spec.packageName}/config.py`, needle: 'config-production', content: RATES_FROM_LOADER('Production') },
  { file: '.env.example', needle: 'env', content: ENV_EXAMPLE },
  { file: 'README.md', needle: 'readme-features', content: README },
];

export const rateLimit: Feature = {
  id: 'rate-limit',
  title: 'Rate limiting',
  description: 'Request limits per client IP, per user, and on login per IP and per username, counted in Redis (429 with Retry-After)',
  frameworks: ['django', 'flask'],
  default: true,
  python: { flask: { dependencies: ['flask-limiter[redis]>=4.0,<5'] } },
  insertions: (spec) => (spec.framework === 'flask' ? flaskInsertions(spec) : [
    {
      file: `${spec.packageName}/settings/base.py`,
      needle: 'settings',
      content: [
        '# Rate limits (core/throttles.py): per anonymous client IP, per user, and on login per',
        '# client IP and per username; counted in the default cache, Redis in production. 429',
        '# problem+json with Retry-After past a limit. RATE_LIMITS overrides DEFAULT_RATES.',
        'REST_FRAMEWORK["DEFAULT_THROTTLE_CLASSES"] = [',
        ...['AnonRateThrottle', 'UserRateThrottle', 'LoginIPRateThrottle', 'LoginUsernameRateThrottle'].map(
          (name) => `    "${spec.packageName}.core.throttles.${name}",`,
        ),
        ']',
        'RATE_LIMITS: dict[str, str] = {}',
        '',
      ].join('\n'),
    },
    { file: `${spec.packageName}/settings/production.py`, needle: 'settings', content: RATES_FROM_ENVIRONMENT },
    { file: `${spec.packageName}/settings/development.py`, needle: 'settings', content: RATES_FROM_ENVIRONMENT },
    {
      file: '.env.example',
      needle: 'env',
      content: [
        '# Rate limits, "<count>/<second|minute|hour|day>"; unset ones keep these defaults:',
        '# RATE_LIMIT_ANON=60/minute',
        '# RATE_LIMIT_USER=600/minute',
        '# RATE_LIMIT_LOGIN_IP=20/minute',
        '# RATE_LIMIT_LOGIN_USERNAME=10/minute',
        '',
      ].join('\n'),
    },
    {
      file: 'README.md',
      needle: 'readme-features',
      content:
        '- **Rate limiting**: every API request is limited per anonymous client IP and per user, and logins per client IP and per username; past a limit the answer is 429 with `Retry-After`. Counts live in Redis in production, so they hold across workers. Tune with `RATE_LIMIT_*` (see `.env.example`).',
    },
  ]),
};
