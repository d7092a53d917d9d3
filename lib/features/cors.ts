import type { Feature } from './types.js';

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

export const cors: Feature = {
  id: 'cors',
  title: 'CORS',
  description: 'django-cors-headers with an explicit allow-list of origins from CORS_ALLOWED_ORIGINS, empty by default',
  frameworks: ['django'],
  default: true,
  python: { django: { dependencies: ['django-cors-headers>=4.6,<5'] } },
  insertions: (spec) => [
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
  ],
};
