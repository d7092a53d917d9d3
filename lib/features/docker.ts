import type { Feature } from './types.js';

export const docker: Feature = {
  id: 'docker',
  title: 'Docker',
  description: 'Multi-stage non-root Dockerfile and a compose file with PostgreSQL and Redis',
  frameworks: ['django', 'flask'],
  default: true,
  insertions: () => [
    {
      file: 'README.md',
      needle: 'readme-features',
      content:
        '- **Docker**: `docker compose up --build` runs the app with PostgreSQL and Redis. The image is multi-stage and runs as a non-root user; export `SECRET_KEY`, `POSTGRES_PASSWORD` (letters and digits: it goes into a URL) and the keys your authentication needs first (compose names any that is missing), and put other production variables in `.env.production`; see docs/features/docker.md in Bulwark for the rest.',
    },
    {
      file: '.github/dependabot.yml',
      needle: 'dependabot-updates',
      content: '- package-ecosystem: docker\n  directory: /\n  schedule:\n    interval: weekly',
      optional: true,
    },
  ],
};
