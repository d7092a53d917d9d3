import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

const djangoInsertions = (spec: ProjectSpec): Insertion[] => [
  { file: `${spec.packageName}/settings/base.py`, needle: 'installed-apps', content: `"drf_spectacular",\n"${spec.packageName}.openapi",` },
  {
    file: `${spec.packageName}/settings/base.py`,
    needle: 'settings',
    content: [
      '# OpenAPI 3 document (openapi/): drf-spectacular, with the problem+json errors of every view.',
      '# GET /api/schema/ for signed-in users; `python manage.py spectacular` writes it to a file.',
      // The trailing comma keeps the dict on its own lines, however long the package name is.
      'REST_FRAMEWORK |= {',
      `    "DEFAULT_SCHEMA_CLASS": "${spec.packageName}.openapi.schema.ProblemAutoSchema",`,
      '}',
      'SPECTACULAR_SETTINGS = {',
      `    "TITLE": "${spec.name}",`,
      '    "VERSION": "0.1.0",',
      '    "SERVE_INCLUDE_SCHEMA": False,',
      '    # Request bodies without the read-only fields, responses without the write-only ones.',
      '    "COMPONENT_SPLIT_REQUEST": True,',
      '    # The schemes clients use; helpers such as a login challenge are left out.',
      '    "AUTHENTICATION_WHITELIST": REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"],',
      '    # /health/ is a plain Django view: added to the document by a hook (openapi/schema.py).',
      '    "POSTPROCESSING_HOOKS": [',
      '        "drf_spectacular.hooks.postprocess_schema_enums",',
      `        "${spec.packageName}.openapi.schema.add_health",`,
      '    ],',
      '}',
      '',
    ].join('\n'),
  },
  { file: `${spec.packageName}/urls.py`, needle: 'urls', content: `path("api/", include("${spec.packageName}.openapi.urls")),` },
  {
    file: 'README.md',
    needle: 'readme-features',
    content:
      '- **OpenAPI schema**: `GET /api/schema/` (YAML, or JSON with `?format=json`) for any signed-in user, never anonymous; `python manage.py spectacular --validate --file openapi.yaml` writes it. Every operation lists its problem+json errors.',
  },
];

const flaskInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# The OpenAPI document (openapi/): GET /api/schema/ for signed-in users, `flask openapi`.',
      'from .openapi import init_app as init_openapi',
      '',
      'init_openapi(app)',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: [
      '# The OpenAPI document (openapi/), built from the URL map and each view\'s @describe.',
      `OPENAPI_TITLE = "${spec.name}"`,
      'OPENAPI_API_VERSION = "0.1.0"',
      '',
    ].join('\n'),
  },
  {
    file: 'README.md',
    needle: 'readme-features',
    content:
      '- **OpenAPI schema**: `GET /api/schema/` (JSON, OpenAPI 3.1) for any signed-in user, never anonymous; `flask openapi --output openapi.json` writes it. Paths come from the URL map, bodies and answers from the pydantic models each view names with `@describe` (`describe.py`); every operation lists its problem+json errors, and `tests/openapi/` checks the document against the URL map.',
  },
];

export const openapi: Feature = {
  id: 'openapi',
  title: 'OpenAPI schema',
  description: 'An OpenAPI 3 document of the API, errors included, for signed-in users and as a command',
  frameworks: ['django', 'flask'],
  default: true,
  python: {
    django: { dependencies: ['drf-spectacular>=0.28,<1'] },
    flask: { devDependencies: ['openapi-spec-validator>=0.7,<0.10'] },
  },
  insertions: (spec) => (spec.framework === 'flask' ? flaskInsertions(spec) : djangoInsertions(spec)),
};
