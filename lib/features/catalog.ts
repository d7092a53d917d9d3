import type { Feature } from './types.js';

export const catalog: Feature = {
  id: 'catalog',
  title: 'Catalog example',
  description: 'Books, authors, publishers and genres: optimised querysets with pinned query counts, explain, seed data',
  frameworks: ['django'],
  default: true,
  python: { django: { dependencies: ['django-filter>=25.1,<27', 'nh3>=0.3,<0.4'] } },
  insertions: (spec) => [
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
    {
      file: 'README.md',
      needle: 'readme-features',
      content:
        '- **Catalog example**: `/api/v1/books/`, `/api/v1/authors/` and `/api/v1/genres/`, each list in a constant number of queries (`tests/catalog/test_queries.py` pins them). `python manage.py seed_catalog --books 1000` adds demo data; `python manage.py explain_queries` prints the query plans.',
    },
  ],
};
