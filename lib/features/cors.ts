import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

/** Read in production and development; tests set CORS_ALLOWED_ORIGINS themselves. */
const ORIGINS_FROM_ENVIRONMENT = [
  '# CORS: browser origins allowed to call the API, comma separated (https://app.example.com).',
  'CORS_ALLOWED_ORIGINS = [',
  '    origin.strip()',
  '    for origin in (env.get("CORS_ALLOWED_ORIGINS") or "").split(",")',
  '    if origin.strip()',
  ']',
  '',
].join('\n');

const ENV_EXAMPLE = [
  '# Browser origins allowed to call the API (CORS), comma separated; none when empty:',
  '# CORS_ALLOWED_ORIGINS=https://app.example.com,https://admin.example.com',
  '',
].join('\n');

const README =
  '- **CORS**: browsers may call the API only from the origins in `CORS_ALLOWED_ORIGINS` (comma separated, none by default); never `*`, never with credentials.';

const ORIGINS_FROM_LOADER = (environment: string): string =>
  [
  `# ${environment}: read through the secrets loader.`,
  '# CORS: browser origins allowed to call the API, comma separated (https://app.example.com).',
  'self.CORS_ALLOWED_ORIGINS = [',
  '    origin.strip()',
  '    for origin in (env.get("CORS_ALLOWED_ORIGINS") or "").split(",")',
  '    if origin.strip()',
  ']',
].join('\n');

/** Flask: cors.py (flask-cors on /api/ only), initialised by create_app. */
const flaskInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# CORS for the origins in CORS_ALLOWED_ORIGINS only, on /api/ (cors.py).',
      'from .cors import init_app as init_cors',
      '',
      'init_cors(app)',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: '# Browser origins allowed to call the API (cors.py); none by default, never "*".\nCORS_ALLOWED_ORIGINS: list[str] = []\n',
  },
  { file: `${spec.packageName}/config.py`, needle: 'config-development', content: ORIGINS_FROM_LOADER('Development') },
  { file: `${spec.packageName}/config.py`, needle: 'config-production', content: ORIGINS_FROM_LOADER('Production') },
  { file: '.env.example', needle: 'env', content: ENV_EXAMPLE },
  { file: 'README.md', needle: 'readme-features', content: README },
];

export const cors: Feature = {
  id: 'cors',
  title: 'CORS',
  description: 'CORS with an explicit allow-list of origins from CORS_ALLOWED_ORIGINS, empty by default',
  frameworks: ['django', 'flask'],
  default: true,
  python: { django: { dependencies: ['django-cors-headers>=4.6,<5'] }, flask: { dependencies: ['flask-cors>=6.0,<7'] } },
  insertions: (spec) => (spec.framework === 'flask' ? flaskInsertions(spec) : [
    { file: `${spec.packageName}/settings/base.py`, needle: 'installed-apps', content: '"corsheaders",' },
    {
      file: `${spec.packageName}/settings/base.py`,
      needle: 'middleware-early',
      content: '"corsheaders.middleware.CorsMiddleware",',
    },
    {
      file: `${spec.packageName}/settings/base.py`,
      needle: 'settings',
      content: [
        '# CORS (django-cors-headers): only the origins listed in CORS_ALLOWED_ORIGINS may call the',
        '# API from a browser; none by default, never "*". Bearer tokens need no cookies, so',
        '# credentials are not allowed.',
        'CORS_ALLOWED_ORIGINS: list[str] = []',
        'CORS_ALLOW_ALL_ORIGINS = False',
        'CORS_ALLOW_CREDENTIALS = False',
        'CORS_URLS_REGEX = r"^/api/"',
        'CORS_EXPOSE_HEADERS = ["Retry-After", "X-Request-ID"]',
        '',
      ].join('\n'),
    },
    { file: `${spec.packageName}/settings/production.py`, needle: 'settings', content: ORIGINS_FROM_ENVIRONMENT },
    { file: `${spec.packageName}/settings/development.py`, needle: 'settings', content: ORIGINS_FROM_ENVIRONMENT },
    {
      file: '.env.example',
      needle: 'env',
      content: [
        '# Browser origins allowed to call the API (CORS), comma separated; none when empty:',
        '# CORS_ALLOWED_ORIGINS=https://app.example.com,https://admin.example.com',
        '',
      ].join('\n'),
    },
    {
      file: 'README.md',
      needle: 'readme-features',
      content:
        '- **CORS**: browsers may call the API only from the origins in `CORS_ALLOWED_ORIGINS` (comma separated, none by default); never `*`, never with credentials.',
    },
  ]),
};
