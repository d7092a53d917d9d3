import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

const ENV_EXAMPLE = [
  '# Sentry: error reports only when SENTRY_DSN is set; nothing personal is sent.',
  "# SENTRY_DSN= (the project's DSN, from its Client Keys settings in Sentry)",
  '# SENTRY_RELEASE=my-api@1.0.0',
  '# Share of requests traced, 0 (the default) to 1:',
  '# SENTRY_TRACES_SAMPLE_RATE=0',
  '',
].join('\n');

const README =
  '- **Sentry**: with `SENTRY_DSN` set, unhandled errors are reported to Sentry, tagged with `APP_ENV` and `SENTRY_RELEASE`, with the security events before them as breadcrumbs. No request body, cookie, credential, client address or local variable is sent; tracing is off unless `SENTRY_TRACES_SAMPLE_RATE` says otherwise. See docs/features/sentry.md in Bulwark.';

const common: Insertion[] = [
  { file: '.env.example', needle: 'env', content: ENV_EXAMPLE },
  { file: 'README.md', needle: 'readme-features', content: README },
];

const djangoInsertions = (spec: ProjectSpec): Insertion[] => {
  const start = (environment: string) =>
    [
      '# Sentry (sentry.py): error reports only when SENTRY_DSN is set; nothing personal is sent.',
      'from ..sentry import init_sentry_from  # noqa: E402',
      '',
      `init_sentry_from(env, environment="${environment}")`,
      '',
    ].join('\n');
  return [
    { file: `${spec.packageName}/settings/production.py`, needle: 'settings', content: start('production') },
    { file: `${spec.packageName}/settings/development.py`, needle: 'settings', content: start('development') },
    ...common,
  ];
};

/** Distinct per environment: an insertion whose text is already in the file is skipped. */
const OPTIONS_FROM_LOADER = (environment: string): string =>
  [
  `# Sentry (sentry.py), ${environment}: error reports only when SENTRY_DSN is set.`,
  'self.SENTRY_DSN = env.get("SENTRY_DSN")',
  'self.SENTRY_RELEASE = env.get("SENTRY_RELEASE")',
  'self.SENTRY_TRACES_SAMPLE_RATE = env.get("SENTRY_TRACES_SAMPLE_RATE")',
].join('\n');

const flaskInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: [
      '# Sentry (sentry.py): off unless SENTRY_DSN is set; traces none unless the rate says so.',
      'SENTRY_DSN: str | None = None',
      'SENTRY_RELEASE: str | None = None',
      'SENTRY_TRACES_SAMPLE_RATE: str | None = None',
      '',
    ].join('\n'),
  },
  { file: `${spec.packageName}/config.py`, needle: 'config-development', content: OPTIONS_FROM_LOADER('development') },
  { file: `${spec.packageName}/config.py`, needle: 'config-production', content: OPTIONS_FROM_LOADER('production') },
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# Error reports to Sentry when SENTRY_DSN is set; nothing personal is sent (sentry.py).',
      'from .sentry import init_sentry_from',
      '',
      'init_sentry_from(app.config, environment=app.config["APP_ENV"])',
    ].join('\n'),
  },
  ...common,
];

export const sentry: Feature = {
  id: 'sentry',
  title: 'Sentry',
  description: 'Error reports to Sentry when SENTRY_DSN is set, with no personal data; security events as breadcrumbs',
  frameworks: ['django', 'flask'],
  default: false,
  python: {
    django: { dependencies: ['sentry-sdk[django]>=2.20,<3'] },
    flask: { dependencies: ['sentry-sdk[flask]>=2.20,<3'] },
  },
  insertions: (spec) => (spec.framework === 'flask' ? flaskInsertions(spec) : djangoInsertions(spec)),
};
