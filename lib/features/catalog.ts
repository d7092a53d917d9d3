import type { ProjectSpec } from '../spec.js';
import { followedRevision } from './alembic.js';
import type { Feature, Insertion } from './types.js';

const readme = {
  django:
    '- **Catalog example**: `/api/v1/books/`, `/api/v1/authors/` and `/api/v1/genres/`, each list in a constant number of queries (`tests/catalog/test_queries.py` pins them). `python manage.py seed_catalog --books 1000` adds demo data; `python manage.py explain_queries` prints the query plans.',
  flask:
    '- **Catalog example**: `/api/v1/books/`, `/api/v1/authors/` and `/api/v1/genres/`, each list in a constant number of queries (`tests/catalog/test_queries.py` pins them; the loader options are in `catalog/queries.py`). `flask seed-catalog --books 1000` adds demo data; `flask explain-queries` prints the query plans.',
};

const djangoInsertions = (spec: ProjectSpec): Insertion[] => [
  { file: `${spec.packageName}/settings/base.py`, needle: 'installed-apps', content: `"${spec.packageName}.catalog",` },
  {
    file: `${spec.packageName}/settings/base.py`,
    needle: 'settings',
    content: [
      '# The catalog\'s admin-only GET /api/v1/catalog/explain/<name>/ shows query plans.',
      '# Off unless a settings module turns it on; development does, production does not.',
      'CATALOG_EXPLAIN_ENDPOINT = False',
      '',
    ].join('\n'),
  },
  {
    file: `${spec.packageName}/settings/development.py`,
    needle: 'settings',
    content: '# Query plans of the catalog for admins, at /api/v1/catalog/explain/<name>/.\nCATALOG_EXPLAIN_ENDPOINT = True\n',
  },
  { file: `${spec.packageName}/urls.py`, needle: 'urls', content: `path("api/v1/", include("${spec.packageName}.catalog.urls")),` },
  { file: 'README.md', needle: 'readme-features', content: readme.django },
];

const flaskInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    // Registering the blueprint imports the models, so `flask db migrate` and the tests see them.
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: 'from .catalog import init_app as init_catalog\n\ninit_catalog(app)',
  },
  {
    file: `${spec.packageName}/config.py`,
    needle: 'config',
    content: [
      "# The catalog's admin-only GET /api/v1/catalog/explain/<name>/ shows query plans.",
      '# Off unless a configuration turns it on: plans reveal table and index names.',
      'CATALOG_EXPLAIN_ENDPOINT = False',
      '',
    ].join('\n'),
  },
  { file: 'README.md', needle: 'readme-features', content: readme.flask },
];

export const catalog: Feature = {
  id: 'catalog',
  title: 'Catalog example',
  description: 'Books, authors, publishers and genres: optimised querysets with pinned query counts, explain, seed data',
  frameworks: ['django', 'flask'],
  default: true,
  python: {
    django: { dependencies: ['django-filter>=25.1,<27', 'nh3>=0.3,<0.4'] },
    flask: { dependencies: ['nh3>=0.3,<0.4', 'pydantic>=2.10,<3'] },
  },
  insertions: (spec) => (spec.framework === 'flask' ? flaskInsertions(spec) : djangoInsertions(spec)),
  // Flask: migrations/versions/0010_catalog.py revises the project's one head when the catalog is
  // applied (the JWT unit's or the base's with `bulwark new`; a resource's, say, with `bulwark add`).
  // Django's catalog app has migrations of its own, so nothing is read there.
  projectData: (project, spec) =>
    spec.framework === 'flask' ? { downRevision: followedRevision(project, 'catalog_0001', 'the catalog') } : {},
};
