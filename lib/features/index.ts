import type { Framework } from '../choices.js';
import { aws } from './aws.js';
import { catalog } from './catalog.js';
import { cors } from './cors.js';
import { docker } from './docker.js';
import { githubActions } from './github-actions.js';
import { lockout } from './lockout.js';
import { openapi } from './openapi.js';
import { prometheus } from './prometheus.js';
import { rateLimit } from './rate-limit.js';
import { sentry } from './sentry.js';
import type { Feature } from './types.js';
import { vault } from './vault.js';

export type { Feature, Insertion } from './types.js';

/** The project every other feature builds on; applied first, never chosen. */
export const BASE: Feature = {
  id: 'base',
  title: 'Base project',
  description: 'Hardened settings, secrets loader, problem+json errors, health check, JSON logs, tests and tooling',
  frameworks: ['django', 'flask'],
  default: false,
  folder: 'base',
};

/** Every feature Bulwark can apply, in the order they are applied. */
export const FEATURES: readonly Feature[] = [docker, githubActions, catalog, rateLimit, lockout, cors, openapi, vault, aws, sentry, prometheus];

export const findFeature = (id: string): Feature | undefined => FEATURES.find((feature) => feature.id === id);

/** The features taken when none are chosen: the default ones that support `framework` (every default one when it is not known yet). */
export const defaultFeatureIds = (framework?: Framework): string[] =>
  FEATURES.filter((feature) => feature.default && (framework === undefined || feature.frameworks.includes(framework))).map(
    (feature) => feature.id,
  );
