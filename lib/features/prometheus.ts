import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

const ACCESS_COMMENT = [
  '# Who may read /metrics/ (metrics/access.py): a bearer token (METRICS_TOKEN) and/or the',
  "# scraper's addresses (METRICS_ALLOWED_IPS); nobody (401) until one is set.",
];

/** gunicorn: prometheus_client's multiprocess mode, so that a scrape adds up every worker's counts. */
const GUNICORN_HOOKS = [
  '',
  'def on_starting(server) -> None:',
  '    """Prometheus (metrics/counters.py): every worker writes its counts to',
  '    PROMETHEUS_MULTIPROC_DIR and a scrape adds them up. A private directory unless one is set;',
  '    a set one is emptied first, so that counts of an earlier run are not added to this one."""',
  '    import tempfile',
  '    from pathlib import Path',
  '',
  '    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")',
  '    if not directory:',
  '        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="prometheus-")',
  '        return',
  '    Path(directory).mkdir(parents=True, exist_ok=True)',
  '    for stale in Path(directory).glob("*.db"):',
  '        stale.unlink()',
  '',
  '',
  'def child_exit(server, worker) -> None:',
  '    """A worker that exits leaves its counts; its live gauges, if any, go."""',
  '    from prometheus_client import multiprocess',
  '',
  '    multiprocess.mark_process_dead(worker.pid)',
  '',
  '',
].join('\n');

const ENV_EXAMPLE = [
  '# Prometheus: /metrics/ answers only a scraper with this bearer token (32+ characters) and/or',
  '# from these addresses or networks; with neither, it refuses everyone (401).',
  '# METRICS_TOKEN=',
  '# METRICS_ALLOWED_IPS=10.0.0.0/8',
  "# gunicorn's workers share counts through this directory (a private temporary one when unset):",
  '# PROMETHEUS_MULTIPROC_DIR=/run/prometheus',
  '',
].join('\n');

const README =
  '- **Prometheus metrics**: `GET /metrics/` serves request counts by method, route template and status, and authentication failures, to the scraper only: it needs `Authorization: Bearer $METRICS_TOKEN` and/or an address in `METRICS_ALLOWED_IPS`, and refuses everyone until one is set. Under gunicorn the workers\' counts are added up (`PROMETHEUS_MULTIPROC_DIR`). See docs/features/prometheus.md in Bulwark.';

const common: Insertion[] = [
  { file: 'gunicorn.conf.py', needle: 'gunicorn-hooks', content: GUNICORN_HOOKS },
  { file: '.env.example', needle: 'env', content: ENV_EXAMPLE },
  { file: 'README.md', needle: 'readme-features', content: README },
];

const djangoInsertions = (spec: ProjectSpec): Insertion[] => {
  const settings = (name: string) => `${spec.packageName}/settings/${name}.py`;
  const readAccess = (warn: boolean) =>
    [
      ...ACCESS_COMMENT,
      'from ..metrics.access import read_access  # noqa: E402',
      '',
      `METRICS_ACCESS = read_access(env, warn_if_unset=${warn ? 'True' : 'False'})`,
      '',
    ].join('\n');
  return [
    {
      file: settings('base'),
      needle: 'middleware-early',
      content: '# Counts every answer by method, route template and status (metrics/).\n"' + `${spec.packageName}.metrics.middleware.RequestMetricsMiddleware",`,
    },
    {
      file: settings('base'),
      needle: 'settings',
      content: [
        // A statement first: an import here would join the import another feature's insertion
        // may end with (lockout's), and isort would reorder the two.
        '# Prometheus (metrics/): authentication failures are counted from the security log.',
        'LOGGING["handlers"]["metrics"] = {',
        `    "class": "${spec.packageName}.metrics.counters.SecurityEventCounter",`,
        '}',
        'LOGGING["loggers"]["security"].setdefault("handlers", []).append("metrics")',
        '# Nobody may read /metrics/ until METRICS_ACCESS says who (production.py, development.py).',
        'from ..metrics.access import MetricsAccess  # noqa: E402',
        '',
        'METRICS_ACCESS = MetricsAccess()',
        '',
      ].join('\n'),
    },
    { file: settings('production'), needle: 'settings', content: readAccess(true) },
    { file: settings('development'), needle: 'settings', content: readAccess(false) },
    { file: `${spec.packageName}/urls.py`, needle: 'urls', content: `path("metrics/", include("${spec.packageName}.metrics.urls")),` },
    ...common,
  ];
};

const flaskInsertions = (spec: ProjectSpec): Insertion[] => {
  const readAccess = (warn: boolean) =>
    [
      ...ACCESS_COMMENT,
      'from .metrics.access import read_access',
      '',
      `self.METRICS_ACCESS = read_access(env, warn_if_unset=${warn ? 'True' : 'False'})`,
    ].join('\n');
  return [
    {
      file: `${spec.packageName}/__init__.py`,
      needle: 'blueprints',
      content: [
        '# Prometheus: request and authentication-failure counts at /metrics/, for the scraper only.',
        'from .metrics import init_app as init_metrics',
        '',
        'init_metrics(app)',
      ].join('\n'),
    },
    { file: `${spec.packageName}/config.py`, needle: 'config-development', content: readAccess(false) },
    { file: `${spec.packageName}/config.py`, needle: 'config-production', content: readAccess(true) },
    ...common,
  ];
};

export const prometheus: Feature = {
  id: 'prometheus',
  title: 'Prometheus metrics',
  description: 'Request and authentication-failure counters at /metrics/, for a scraper with METRICS_TOKEN or from METRICS_ALLOWED_IPS only',
  frameworks: ['django', 'flask'],
  default: false,
  python: {
    django: { dependencies: ['prometheus-client>=0.21,<1'] },
    flask: { dependencies: ['prometheus-client>=0.21,<1'] },
  },
  insertions: (spec) => (spec.framework === 'flask' ? flaskInsertions(spec) : djangoInsertions(spec)),
};
