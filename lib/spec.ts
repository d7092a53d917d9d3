import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Auth, CHOICE_QUESTIONS, type ChoiceQuestion, type Framework, type Secrets } from './choices.js';
import { BulwarkError } from './errors.js';
import { AUTH_UNITS } from './features/auth.js';
import { FEATURES, type Feature } from './features/index.js';
import { validateProjectName } from './naming.js';

/** Everything a generated project is made from: validated once, trusted by every later step. */
export interface ProjectSpec {
  name: string;
  packageName: string;
  framework: Framework;
  auth: Auth;
  secrets: Secrets;
  /** Feature ids, required ones included, in registry order. */
  features: string[];
}

/** Answers as they arrive from one source (flags, a preset, `.yo-rc.json`, prompts): unchecked. */
export interface Answers {
  name?: string;
  framework?: string;
  auth?: string;
  secrets?: string;
  features?: string[];
}

/** The keys a preset may set. The project name is not one: a preset is shared by many projects. */
export const PRESET_KEYS = ['framework', 'auth', 'secrets', 'features'] as const;

/** The key under which Yeoman stores our answers in `.yo-rc.json` (the package name). */
export const STORAGE_KEY = 'generator-bulwark';

/** `"docker, github-actions"` -> `['docker', 'github-actions']`; an empty string means no feature. */
export const parseFeatureList = (value: string): string[] =>
  value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');

/** Later sources win; a source that leaves a key undefined does not erase an earlier value. */
export function mergeAnswers(...sources: Answers[]): Answers {
  const merged: Answers = {};
  for (const source of sources) {
    for (const [key, value] of Object.entries(source) as [keyof Answers, never][]) {
      if (value !== undefined) merged[key] = value;
    }
  }
  return merged;
}

function readAnswersObject(value: unknown, where: string, allowedKeys: readonly string[]): Answers {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BulwarkError(`${where} must be a JSON object like {"framework": "django", "features": ["docker"]}.`);
  }
  const answers: Answers = {};
  for (const [key, entry] of Object.entries(value)) {
    if (!allowedKeys.includes(key)) {
      if (allowedKeys === PRESET_KEYS) {
        throw new BulwarkError(`${where} has an unknown key "${key}". Allowed keys: ${allowedKeys.join(', ')}.`);
      }
      continue;
    }
    if (key === 'features') {
      if (!Array.isArray(entry) || !entry.every((id) => typeof id === 'string')) {
        throw new BulwarkError(`${where}: "features" must be a list of feature ids, e.g. ["docker", "github-actions"].`);
      }
      answers.features = entry;
    } else {
      if (typeof entry !== 'string') {
        throw new BulwarkError(`${where}: "${key}" must be a string.`);
      }
      answers[key as Exclude<keyof Answers, 'features'>] = entry;
    }
  }
  return answers;
}

/** Reads a team preset: a JSON object with only the keys of PRESET_KEYS. */
export function loadPreset(file: string): Answers {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new BulwarkError(`The preset file ${file} cannot be read. Check the path given to --preset.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new BulwarkError(`The preset file ${file} is not valid JSON (${(error as Error).message}). Fix the file or drop --preset.`);
  }
  return readAnswersObject(value, `The preset file ${file}`, PRESET_KEYS);
}

/** The answers stored by an earlier run in `<dir>/.yo-rc.json`, if any. */
export function readStoredAnswers(dir: string): Answers {
  const file = join(dir, '.yo-rc.json');
  if (!existsSync(file)) return {};
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new BulwarkError(`${file} is not valid JSON (${(error as Error).message}). Fix or delete it.`);
  }
  const stored = (value as Record<string, unknown> | null)?.[STORAGE_KEY];
  if (stored === undefined) return {};
  return readAnswersObject(stored, `${file} ("${STORAGE_KEY}")`, ['name', ...PRESET_KEYS]);
}

/** Throws unless `value` is one of the question's choices and is built. */
export function checkChoice(question: ChoiceQuestion, value: string): void {
  const choice = question.choices.find((candidate) => candidate.value === value);
  if (choice === undefined) {
    const allowed = question.choices.map((candidate) => candidate.value).join(', ');
    throw new BulwarkError(`Unknown ${question.key} "${value}". Pass --${question.key} with one of: ${allowed}.`);
  }
  if (choice.unavailable !== undefined) {
    throw new BulwarkError(choice.unavailable);
  }
}

/**
 * Checks the chosen feature ids against the registry and returns them with what they require,
 * in registry order. Unknown ids, features the framework lacks and conflicting pairs are refused.
 */
export function resolveFeatures(ids: readonly string[], framework: Framework, registry: readonly Feature[] = FEATURES): string[] {
  const byId = new Map(registry.map((feature) => [feature.id, feature]));
  const known = registry.map((feature) => feature.id).join(', ');
  const chosen = new Set<string>();
  const add = (id: string, requiredBy?: string): void => {
    if (chosen.has(id)) return;
    const feature = byId.get(id);
    if (feature === undefined) {
      const source = requiredBy === undefined ? '' : ` (required by "${requiredBy}")`;
      throw new BulwarkError(`Unknown feature "${id}"${source}. Known features: ${known}. Run \`bulwark list\` to see them.`);
    }
    if (!feature.frameworks.includes(framework)) {
      throw new BulwarkError(`The feature "${id}" is not available for ${framework}; it supports ${feature.frameworks.join(', ')}.`);
    }
    chosen.add(id);
    for (const required of feature.requires ?? []) add(required, id);
  };
  for (const id of ids) add(id);
  for (const id of chosen) {
    for (const other of byId.get(id)?.conflicts ?? []) {
      if (chosen.has(other)) {
        throw new BulwarkError(`The features "${id}" and "${other}" conflict; choose one of them in --features.`);
      }
    }
  }
  return registry.map((feature) => feature.id).filter((id) => chosen.has(id));
}

/**
 * `--secrets vault|aws` is the registry feature that declares that answer (`secrets: 'vault'`):
 * the answer puts the feature in the list, and a list holding such a feature (`bulwark add vault`
 * on a project made with `--secrets env`) gives the answer. A second secret store is refused.
 */
export function reconcileSecrets(
  secrets: Secrets,
  features: readonly string[],
  registry: readonly Feature[] = FEATURES,
): { secrets: Secrets; features: string[] } {
  const stores = registry.filter((feature) => feature.secrets !== undefined && features.includes(feature.id));
  const answered = registry.find((feature) => feature.secrets !== undefined && feature.secrets === secrets);
  const current = answered ?? stores[0];
  const other = stores.find((feature) => feature !== current);
  if (current !== undefined && other !== undefined) {
    const first = answered === undefined ? `"${current.id}" is a secret store` : `Secrets come from ${current.id} (--secrets ${current.secrets})`;
    throw new BulwarkError(`${first} and "${other.id}" is another secret store: a project reads its secrets from one store. Choose one of them.`);
  }
  if (current === undefined) return { secrets, features: [...features] };
  return {
    secrets: current.secrets!,
    features: features.includes(current.id) ? [...features] : [...features, current.id],
  };
}

/** Checks whatever answers are already known, so bad input stops before any question is asked. */
export function checkAnswers(answers: Answers, registry: readonly Feature[] = FEATURES): void {
  if (answers.name !== undefined) validateProjectName(answers.name);
  for (const question of CHOICE_QUESTIONS) {
    const value = answers[question.key];
    if (value !== undefined) checkChoice(question, value);
  }
  if (answers.framework !== undefined && answers.auth !== undefined) {
    const unit = AUTH_UNITS[answers.auth as Auth];
    if (!(unit.frameworks as readonly string[]).includes(answers.framework)) {
      const built = (Object.keys(AUTH_UNITS) as Auth[]).filter((auth) => (AUTH_UNITS[auth].frameworks as readonly string[]).includes(answers.framework!));
      throw new BulwarkError(
        `${unit.title} is not built for ${answers.framework} yet. Pass --auth with one of: ${built.join(', ')}.`,
      );
    }
  }
  if (answers.features !== undefined) {
    const ids = answers.secrets === undefined ? answers.features : reconcileSecrets(answers.secrets as Secrets, answers.features, registry).features;
    resolveFeatures(ids, (answers.framework ?? 'django') as Framework, registry);
  }
}

/** Builds the ProjectSpec from complete answers; throws with what to change when they are not valid. */
export function buildSpec(answers: Answers, registry: readonly Feature[] = FEATURES): ProjectSpec {
  const { name, framework, auth, secrets, features } = answers;
  if (name === undefined || framework === undefined || auth === undefined || secrets === undefined || features === undefined) {
    throw new Error('buildSpec needs every answer; ask the missing questions first');
  }
  checkAnswers(answers, registry);
  const store = reconcileSecrets(secrets as Secrets, features, registry);
  return {
    name,
    packageName: validateProjectName(name),
    framework: framework as Framework,
    auth: auth as Auth,
    secrets: store.secrets,
    features: resolveFeatures(store.features, framework as Framework, registry),
  };
}
