import type { Framework, Secrets } from '../choices.js';
import type { ProjectSpec } from '../spec.js';

export interface PythonRequirements {
  dependencies?: readonly string[];
  devDependencies?: readonly string[];
}

/** Text added above a `bulwark-needle-<needle>` comment in a file the project already has. */
export interface Insertion {
  file: string;
  needle: string;
  content: string;
  /**
   * The file belongs to another feature: skip while it is absent. Whichever of the two features
   * comes second makes the insertion, so the order they are added in does not matter.
   */
  optional?: boolean;
}

/**
 * One feature: a registry entry plus template folders (`templates/common/features/<id>` and
 * `templates/<framework>/features/<id>`, each optional). Creating a project and adding a
 * feature later both go through `applyFeature`, so a feature is described here and nowhere else.
 */
export interface Feature {
  id: string;
  title: string;
  description: string;
  frameworks: readonly Framework[];
  /** Chosen when the user does not pick features. */
  default: boolean;
  requires?: readonly string[];
  conflicts?: readonly string[];
  /**
   * The `--secrets` answer this feature is: choosing that answer puts the feature in the plan, and
   * adding the feature later records that answer. Such features are not offered in the features question.
   */
  secrets?: Exclude<Secrets, 'env'>;
  /** PEP 508 requirements added to the project's dependency lists, per framework. */
  python?: Partial<Record<Framework, PythonRequirements>>;
  insertions?: (spec: ProjectSpec) => readonly Insertion[];
  /** Template folder below `templates/<common|framework>/`; `features/<id>` unless set. */
  folder?: string;
}
