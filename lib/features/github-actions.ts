import type { Feature } from './types.js';

export const githubActions: Feature = {
  id: 'github-actions',
  title: 'GitHub Actions',
  description: 'CI workflow (tests, ruff, bandit, deploy checks, pip-audit) and Dependabot',
  frameworks: ['django', 'flask'],
  default: true,
  insertions: () => [
    {
      file: 'README.md',
      needle: 'readme-features',
      content:
        '- **CI**: `.github/workflows/ci.yml` runs the tests, ruff, bandit, the deploy checks and pip-audit on every push; Dependabot keeps dependencies and actions current.',
    },
  ],
};
