import { AUTH_UNITS } from './features/auth.js';
import { BASE, findFeature } from './features/index.js';
import type { Feature, Insertion, ProjectReader } from './features/types.js';
import { insertAtNeedle } from './needles.js';
import { templatesRoot } from './paths.js';
import type { ProjectSpec } from './spec.js';
import { listTemplates, templateFolders } from './templates.js';

/** What applying a feature needs from a generator: Yeoman's in-memory file system, nothing on disk. */
export interface ProjectWriter {
  renderTemplate(source: string, destination: string, data: TemplateData): void;
  copyTemplate(source: string, destination: string): void;
  /** The file as it will be written (pending changes included), or undefined when there is none. */
  readDestination(path: string): string | undefined;
  writeDestination(path: string, content: string): void;
  /**
   * Names of the files directly in `folder`, on disk or pending. A writer that cannot list (a Map
   * in a test) leaves it out; the files written through applyFeature are listed either way.
   */
  listDestination?(folder: string): string[];
}

/** The variables every template sees. */
export interface TemplateData {
  projectName: string;
  packageName: string;
  framework: string;
  auth: string;
  secrets: string;
  features: readonly string[];
  has: (featureId: string) => boolean;
  pythonVersion: string;
  generatorVersion: string;
}

export const PYTHON_VERSION = '3.11';

export function templateData(spec: ProjectSpec, generatorVersion: string): TemplateData {
  return {
    projectName: spec.name,
    packageName: spec.packageName,
    framework: spec.framework,
    auth: spec.auth,
    secrets: spec.secrets,
    features: spec.features,
    has: (featureId) => spec.features.includes(featureId),
    pythonVersion: PYTHON_VERSION,
    generatorVersion,
  };
}

/**
 * What a project is made of, in the order it is applied: the base, the auth choice, then each chosen feature.
 * An auth unit not built for the framework yet is left out: the project is made without it.
 */
export function resolvePlan(spec: ProjectSpec): Feature[] {
  const features = spec.features.map((id) => {
    const feature = findFeature(id);
    if (feature === undefined) throw new Error(`ProjectSpec holds an unknown feature "${id}"`);
    return feature;
  });
  return [BASE, AUTH_UNITS[spec.auth], ...features];
}

/** Per writer, the paths its units' templates were written to: what `list` sees when the writer cannot list. */
const writtenBy = new WeakMap<ProjectWriter, Set<string>>();

/** The project as the writer will leave it, for a feature's `projectData`. */
function projectReader(writer: ProjectWriter): ProjectReader {
  return {
    read: (path) => writer.readDestination(path),
    list(folder) {
      const prefix = folder.endsWith('/') ? folder : `${folder}/`;
      const written = [...(writtenBy.get(writer) ?? [])]
        .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
        .map((path) => path.slice(prefix.length));
      return [...new Set([...(writer.listDestination?.(folder) ?? []), ...written])].sort();
    },
  };
}

/** Writes a unit's templates; returns the project paths written. */
function writeTemplates(writer: ProjectWriter, unit: string, spec: ProjectSpec, data: TemplateData): Set<string> {
  const written = new Set<string>();
  for (const file of listTemplates(templatesRoot, templateFolders(unit, spec.framework), spec.packageName)) {
    if (file.render) writer.renderTemplate(file.source, file.destination, data);
    else writer.copyTemplate(file.source, file.destination);
    written.add(file.destination);
  }
  const all = writtenBy.get(writer) ?? new Set<string>();
  for (const path of written) all.add(path);
  writtenBy.set(writer, all);
  return written;
}

function insert(writer: ProjectWriter, { file, needle, content, optional }: Insertion): void {
  const current = writer.readDestination(file);
  if (current === undefined) {
    if (optional) return;
    throw new Error(`Cannot insert at bulwark-needle-${needle}: ${file} does not exist`);
  }
  const updated = insertAtNeedle(current, needle, content, file);
  if (updated !== current) writer.writeDestination(file, updated);
}

/**
 * Applies one feature (the base project is one too): its templates, its Python dependencies and its insertions at needles.
 * Every step skips what is already there, so applying a feature twice changes nothing.
 */
export function applyFeature(writer: ProjectWriter, feature: Feature, spec: ProjectSpec, data: TemplateData): void {
  // Read before anything of the feature is written: the project as it was, and a refusal writes nothing.
  const own = feature.projectData?.(projectReader(writer), spec);
  const written = writeTemplates(writer, feature.folder ?? `features/${feature.id}`, spec, own === undefined ? data : { ...data, ...own });
  const python = feature.python?.[spec.framework];
  for (const requirement of python?.dependencies ?? []) {
    insert(writer, { file: 'pyproject.toml', needle: 'dependencies', content: `"${requirement}",` });
  }
  for (const requirement of python?.devDependencies ?? []) {
    insert(writer, { file: 'pyproject.toml', needle: 'dev-dependencies', content: `"${requirement}",` });
  }
  for (const insertion of feature.insertions?.(spec) ?? []) insert(writer, insertion);
  // Other features' optional insertions into the files this one just wrote.
  for (const other of spec.features) {
    if (other === feature.id) continue;
    for (const insertion of findFeature(other)?.insertions?.(spec) ?? []) {
      if (insertion.optional && written.has(insertion.file)) insert(writer, insertion);
    }
  }
}
