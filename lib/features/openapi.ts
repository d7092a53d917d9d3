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
      `REST_FRAMEWORK["DEFAULT_SCHEMA_CLASS"] = "${spec.packageName}.openapi.schema.ProblemAutoSchema"`,
      'SPECTACULAR_SETTINGS = {',
      `    "TITLE": "${spec.name}",`,
      '    "VERSION": "0.1.0",',
      '    "SERVE_INCLUDE_SCHEMA": False,',
      '    # Request bodies without the read-only fields, responses without the write-only ones.',
      '    "COMPONENT_SPLIT_REQUEST": True,',
      '    # The schemes clients use; helpers such as a login challenge are left out.',
      '    "AUTHENTICATION_WHITELIST": REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"],',
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

export const openapi: Feature = {
  id: 'openapi',
  title: 'OpenAPI schema',
  description: 'An OpenAPI 3 document of the API, errors included, for signed-in users and as a command',
  frameworks: ['django'],
  default: true,
  python: { django: { dependencies: ['drf-spectacular>=0.28,<1'] } },
  insertions: (spec) => djangoInsertions(spec),
};
