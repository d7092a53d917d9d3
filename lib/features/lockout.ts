import type { ProjectSpec } from '../spec.js';
import type { Feature, Insertion } from './types.js';

/** Flask: lockout.py, counted in the cache (Redis in production), initialised by create_app. */
const flaskInsertions = (spec: ProjectSpec): Insertion[] => [
  {
    file: `${spec.packageName}/__init__.py`,
    needle: 'blueprints',
    content: [
      '# Lockout after 5 failed logins for one username from one client (lockout.py).',
      'from .lockout import init_app as init_lockout',
      '',
      'init_lockout(app)',
    ].join('\n'),
  },
  {
    file: 'README.md',
    needle: 'readme-features',
    content:
      '- **Login lockout**: after 5 failed logins for one username from one client, that pair gets 429 for 15 minutes (`lockout.py`, counted in Redis in production). Lift it early with `flask unlock-user NAME`.',
  },
];

export const lockout: Feature = {
  id: 'lockout',
  title: 'Login lockout',
  description: 'Repeated failed logins lock the username for that client for a cool-off (429); an admin can lift it',
  frameworks: ['django', 'flask'],
  default: true,
  python: { django: { dependencies: ['django-axes>=8.0,<9'] } },
  insertions: (spec) => (spec.framework === 'flask' ? flaskInsertions(spec) : [
    {
      file: `${spec.packageName}/settings/base.py`,
      needle: 'installed-apps',
      content: `"axes",\n"${spec.packageName}.lockout",`,
    },
    {
      file: `${spec.packageName}/settings/base.py`,
      needle: 'middleware',
      content: '# Last, as django-axes requires.\n"axes.middleware.AxesMiddleware",',
    },
    {
      file: `${spec.packageName}/settings/base.py`,
      needle: 'settings',
      content: [
        '# Lockout after repeated login failures: see settings/lockout.py.',
        'from .lockout import *  # noqa: E402, F403',
        '',
      ].join('\n'),
    },
    {
      file: 'README.md',
      needle: 'readme-features',
      content:
        '- **Login lockout**: after 5 failed logins for one username from one client, that pair gets 429 for 15 minutes (`settings/lockout.py`). Lift it early with `python manage.py axes_reset_username NAME`.',
    },
  ]),
};
