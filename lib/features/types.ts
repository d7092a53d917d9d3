import type { Framework, Secrets } from '../choices.js';
import type { ProjectSpec } from '../spec.js';

export interface PythonRequirements {
  dependencies?: readonly string[];
  devDependencies?: readonly string[];
}

/** The project as it stands while a feature is applied: files on disk and files pending in this run. */
export interface ProjectReader {
  read(path: string): string | undefined;
  /** Names of the files directly in `folder` (relative to the project), in a stable order. */
  list(folder: string): string[];
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
  /**
   * Template variables read from the project when the feature is applied (with `bulwark new` the
   * files the base and earlier features put there, with `bulwark add` the project on disk).
   * Throw a BulwarkError to refuse: it runs before any of the feature's files are written.
   */
  projectData?: (project: ProjectReader, spec: ProjectSpec) => Record<string, unknown>;
  /** Template folder below `templates/<common|framework>/`; `features/<id>` unless set. */
  folder?: string;
}
