import { BulwarkError, isBulwarkError } from '../errors.js';
import { alembicHead, downRevisionsOf, revisionOf } from '../resource.js';
import type { ProjectReader } from './types.js';

/** Where a Flask project keeps its Alembic revisions. */
export const VERSIONS = 'migrations/versions';

/**
 * The revision a feature's Alembic revision follows: the project's one head when the feature is
 * applied, found as `bulwark resource` finds it (alembicHead), so the history keeps one head
 * whatever came before it (the base, the auth unit, resources, the user's own revisions). When
 * the feature's revision is in the project already, the parent it names: applying the feature
 * again changes nothing. No head or more than one is refused, before anything is written.
 */
export function followedRevision(project: ProjectReader, revision: string, what: string): string {
  const texts = project
    .list(VERSIONS)
    .filter((name) => name.endsWith('.py'))
    .map((name) => project.read(`${VERSIONS}/${name}`) ?? '');
  const own = texts.find((text) => revisionOf(text) === revision);
  if (own !== undefined) {
    const [parent] = downRevisionsOf(own);
    if (parent !== undefined) return parent;
  }
  try {
    return alembicHead(texts.filter((text) => text !== own));
  } catch (error) {
    if (isBulwarkError(error)) throw new BulwarkError(`Cannot add ${what}: ${error.message}`);
    throw error;
  }
}
