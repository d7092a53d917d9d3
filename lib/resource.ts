import type { Framework } from './choices.js';
import { BulwarkError } from './errors.js';
import { pluralize } from 'inflection';
import { PYTHON_KEYWORDS } from './python-names.js';

/**
 * `bulwark resource <Name> --fields "..."`: the resource's name and fields, checked once here,
 * then trusted by the templates. Everything a user can get wrong is refused with what to change,
 * before anything is written.
 */

export const SCALAR_TYPES = ['str', 'text', 'int', 'decimal', 'bool', 'date', 'datetime'] as const;
export const RELATION_TYPES = ['fk', 'm2m'] as const;
export type ScalarType = (typeof SCALAR_TYPES)[number];
export type RelationType = (typeof RELATION_TYPES)[number];

export interface ScalarField {
  name: string;
  type: ScalarType;
}

export interface RelationField {
  name: string;
  type: RelationType;
  /** The related model's class name, as written after `fk:` / `m2m:`. */
  model: string;
}

export type FieldSpec = ScalarField | RelationField;

export const isRelation = (field: FieldSpec): field is RelationField => field.type === 'fk' || field.type === 'm2m';

/**
 * A resource as `.yo-rc.json` keeps it: its name, the field list it was made with, and the plural
 * its module and URL were named with (absent for resources made before Bulwark kept it: those
 * were named by `legacyPlural`).
 */
export interface StoredResource {
  name: string;
  fields: string;
  plural?: string;
}

/** A model a resource may relate to: the project's users, the catalog's models, earlier resources. */
export interface KnownModel {
  name: string;
  /** The field a summary of it shows beside its id (`{"id": 1, "title": "..."}`), if any. */
  display?: string;
  /** Where it lives, per framework. */
  source: 'users' | 'catalog' | 'resource';
  /** Python module below the package that defines it (`catalog`, `reviews`, `accounts`). */
  module: string;
  /** Flask: its table; Django: its app label. */
  table: string;
  /** The API path an admin deletes its rows at (`/api/v1/books/`), if it has one. */
  deletePath?: string;
}

// Bounds of the generated API; docs/resource.md lists them.
export const STR_MAX_LENGTH = 200;
export const TEXT_MAX_LENGTH = 20_000;
export const DECIMAL_DIGITS = 12;
export const DECIMAL_PLACES = 2;
export const MAX_RELATED_IDS = 100;

const FIELD_NAME = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
/** A plural given with --plural: the module, table and URL are named with it. */
const PLURAL = /^(?=.{1,40}$)[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;
const RESOURCE_NAME = /^[A-Z][A-Za-z0-9]*$/;

/**
 * Field names the generated code cannot take: the primary key, names Django models and managers,
 * SQLAlchemy's declarative classes, Flask-SQLAlchemy and pydantic models already use.
 */
const RESERVED_FIELD_NAMES = new Set([
  'id', 'pk', 'objects', 'query', 'query_class', 'metadata', 'registry',
  'save', 'delete', 'clean', 'check', 'refresh_from_db', 'full_clean', 'validate_unique', 'serializable_value',
  'copy', 'dict', 'json', 'schema', 'schema_json', 'construct', 'validate', 'fields',
]);

/** Model names the project has outside the catalog and its resources, per framework (tables that exist, classes that are imported). */
const RESERVED_MODEL_NAMES: Record<Framework, readonly string[]> = {
  django: ['User', 'Group', 'Permission', 'ContentType', 'Session', 'ApiAccess', 'LogEntry', 'AccessAttempt', 'AccessLog', 'AccessFailureLog'],
  flask: ['User', 'Role', 'RefreshToken'],
};

/**
 * Module names (Django app labels, Flask packages) the project, Django or its dependencies use:
 * a resource whose module took one of them would clash with it.
 */
export const RESERVED_MODULES: ReadonlySet<string> = new Set([
  'accounts', 'core', 'catalog', 'settings', 'auth', 'auth_jwt', 'auth_session', 'auth_oidc', 'lockout', 'cors',
  'rate_limit', 'contenttypes', 'sessions', 'admin', 'messages', 'staticfiles', 'rest_framework', 'csp', 'axes',
  'corsheaders', 'django_filters', 'tests', 'migrations', 'management', 'api', 'user_roles', 'refresh_tokens', 'config', 'errors', 'extensions',
  'cache', 'cli', 'health', 'log', 'security', 'passwords', 'secrets_loader', 'wsgi', 'asgi', 'urls', 'users', 'roles',
  'describe', 'validation', 'metrics', 'openapi', 'sentry', 'secrets_aws', 'secrets_vault',
]);

const CATALOG_MODELS: readonly KnownModel[] = [
  { name: 'Author', display: 'name', source: 'catalog', module: 'catalog', table: 'catalog_author' },
  { name: 'Publisher', display: 'name', source: 'catalog', module: 'catalog', table: 'catalog_publisher' },
  { name: 'Genre', display: 'name', source: 'catalog', module: 'catalog', table: 'catalog_genre' },
  { name: 'Book', display: 'title', source: 'catalog', module: 'catalog', table: 'catalog_book', deletePath: '/api/v1/books/' },
];

/** `BookReview` -> `book_review`. */
export const toSnake = (name: string): string =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();

/**
 * English plural of a snake_case name, by its last word, with Rails' rules and exceptions
 * (inflection): review -> reviews, category -> categories, book_shelf -> book_shelves,
 * person -> people, news -> news. `--plural` overrides it.
 */
export const pluralise = (word: string): string => pluralize(word);

/** The plural rule of Bulwark before it kept each resource's plural: how older resources were named. */
export function legacyPlural(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** The names a resource gives its module, URL, table and reverse relations. */
export interface ResourceNames {
  name: string;
  /** `book_review` */
  snake: string;
  /** `book_reviews`: the Django app / Flask package, the Flask table, the reverse accessor. */
  plural: string;
  /** `book-reviews`: the URL segment. */
  urlSegment: string;
  /** `Book reviews`: for docs and messages. */
  title: string;
}

/** The plural a stored resource was made with: the one kept, or the older rule's for a resource made before. */
export const storedPlural = (resource: StoredResource): string => resource.plural ?? legacyPlural(toSnake(resource.name));

/** A resource's names; `plural` (snake_case) as given with --plural or stored, else made from the name. */
export function resourceNames(name: string, plural = pluralise(toSnake(name))): ResourceNames {
  const snake = toSnake(name);
  const title = plural.replaceAll('_', ' ');
  return { name, snake, plural, urlSegment: plural.replaceAll('_', '-'), title: title[0]!.toUpperCase() + title.slice(1) };
}

/** The models a resource of this project may relate to, by class name. */
export function knownModels(features: readonly string[], resources: readonly StoredResource[], framework: Framework): Map<string, KnownModel> {
  const models = new Map<string, KnownModel>();
  models.set('User', { name: 'User', display: 'username', source: 'users', module: 'accounts', table: framework === 'flask' ? 'users' : 'auth' });
  if (features.includes('catalog')) for (const model of CATALOG_MODELS) models.set(model.name, model);
  for (const resource of resources) {
    const names = resourceNames(resource.name, storedPlural(resource));
    let display: string | undefined;
    try {
      display = parseFields(resource.fields).find((field) => field.type === 'str')?.name;
    } catch {
      display = undefined;
    }
    models.set(resource.name, {
      name: resource.name,
      display,
      source: 'resource',
      module: names.plural,
      table: names.plural,
      deletePath: `/api/v1/${names.urlSegment}/`,
    });
  }
  return models;
}

/** Checks a resource name (CapWords, a Python identifier, not a model or module the project has). */
export function validateResourceName(name: string, framework: Framework, known: ReadonlyMap<string, KnownModel>, plural?: string): ResourceNames {
  const fix = 'Name the resource in CapWords, singular, like `Review` or `BookReview`: letters and digits, starting with a capital letter.';
  if (name.trim() === '') throw new BulwarkError(`The resource name is empty. ${fix}`);
  if (PYTHON_KEYWORDS.has(name)) throw new BulwarkError(`The resource name "${name}" is a Python keyword. ${fix}`);
  if (!RESOURCE_NAME.test(name)) {
    const why = /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? 'is not in CapWords' : 'is not a Python identifier';
    throw new BulwarkError(`The resource name "${name}" ${why}. ${fix}`);
  }
  if (!/[a-z]/.test(name)) throw new BulwarkError(`The resource name "${name}" is all capitals. ${fix}`);
  if (name.length > 30) throw new BulwarkError(`The resource name "${name}" is longer than 30 characters. ${fix}`);
  const existing = known.get(name);
  if (existing !== undefined || RESERVED_MODEL_NAMES[framework].includes(name)) {
    const where = existing?.source === 'resource' ? 'an earlier resource' : existing?.source === 'catalog' ? 'the catalog' : 'the project';
    throw new BulwarkError(`The project already has a model named "${name}" (${where}). Choose another name for the resource.`);
  }
  if (plural !== undefined && !PLURAL.test(plural)) {
    throw new BulwarkError(
      `--plural "${plural}" is not a lowercase snake_case name (letters, digits and single underscores, starting with a letter, at most 40 characters), like \`shelves\` or \`book_shelves\`.`,
    );
  }
  const names = resourceNames(name, plural);
  if (RESERVED_MODULES.has(names.plural) || PYTHON_KEYWORDS.has(names.plural)) {
    throw new BulwarkError(
      `The resource "${name}" would live in a module "${names.plural}", a name the project or its dependencies already use. Choose another name for the resource, or another plural with --plural.`,
    );
  }
  return names;
}

/**
 * Parses `--fields "body:text,rating:int,book:fk:Book"`. Each entry is `name:type` or
 * `name:fk:Model` / `name:m2m:Model`; names are lowercase snake_case and unique.
 */
export function parseFields(spec: string): FieldSpec[] {
  const example = 'e.g. --fields "body:text,rating:int,book:fk:Book"';
  const types = `${SCALAR_TYPES.join(', ')}, fk:<Model>, m2m:<Model>`;
  const entries = spec.split(',').map((entry) => entry.trim());
  if (spec.trim() === '' || entries.every((entry) => entry === '')) {
    throw new BulwarkError(`No fields given. Pass --fields with at least one name:type (${example}); types: ${types}.`);
  }
  const fields: FieldSpec[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry === '') throw new BulwarkError(`--fields has an empty entry (two commas in a row, or a trailing comma). ${example}.`);
    const parts = entry.split(':').map((part) => part.trim());
    const [name = '', type = ''] = parts;
    if (parts.length < 2 || type === '') throw new BulwarkError(`The field "${entry}" has no type. Write it as name:type (${example}); types: ${types}.`);
    checkFieldName(name, entry);
    if (seen.has(name)) throw new BulwarkError(`The field "${name}" is given twice in --fields. Give each field once.`);
    seen.add(name);
    if ((SCALAR_TYPES as readonly string[]).includes(type)) {
      if (parts.length !== 2) throw new BulwarkError(`The field "${entry}" has too many parts; a ${type} field is written ${name}:${type}.`);
      fields.push({ name, type: type as ScalarType });
    } else if ((RELATION_TYPES as readonly string[]).includes(type)) {
      const model = parts[2] ?? '';
      if (parts.length !== 3 || model === '') {
        throw new BulwarkError(`The field "${entry}" needs the related model: write it ${name}:${type}:<Model>, e.g. ${name}:${type}:Book.`);
      }
      fields.push({ name, type: type as RelationType, model });
    } else {
      throw new BulwarkError(`The field "${name}" has an unknown type "${type}". Known types: ${types}.`);
    }
  }
  for (const field of fields) {
    if (field.type === 'fk' && seen.has(`${field.name}_id`)) {
      throw new BulwarkError(`The fields "${field.name}" (a foreign key, stored as ${field.name}_id) and "${field.name}_id" clash. Rename one of them.`);
    }
  }
  return fields;
}

function checkFieldName(name: string, entry: string): void {
  const fix = 'Field names are lowercase snake_case, like `published_on`: letters, digits and single underscores, starting with a letter.';
  if (name === '') throw new BulwarkError(`The field "${entry}" has no name. ${fix}`);
  if (!FIELD_NAME.test(name)) throw new BulwarkError(`The field name "${name}" is not valid. ${fix}`);
  if (PYTHON_KEYWORDS.has(name)) throw new BulwarkError(`The field name "${name}" is a Python keyword. Choose another name.`);
  if (RESERVED_FIELD_NAMES.has(name) || name.startsWith('model_')) {
    throw new BulwarkError(`The field name "${name}" is used by the generated model or its libraries (id, pk, objects, query, metadata, model_*, ...). Choose another name.`);
  }
  if (name.length > 30) throw new BulwarkError(`The field name "${name}" is longer than 30 characters. Choose a shorter name.`);
}

/** Checks that each relation names a model the project has; returns them by field. */
export function resolveRelations(fields: readonly FieldSpec[], resource: string, known: ReadonlyMap<string, KnownModel>): Map<string, KnownModel> {
  const related = new Map<string, KnownModel>();
  const names = [...known.keys()].sort().join(', ');
  for (const field of fields) {
    if (!isRelation(field)) continue;
    if (field.model === resource) {
      throw new BulwarkError(`The field "${field.name}" relates ${resource} to itself; relations to the resource being made are not supported. Relate it to one of: ${names}.`);
    }
    const model = known.get(field.model);
    if (model === undefined) {
      throw new BulwarkError(
        `The field "${field.name}" relates to "${field.model}", which is not a model of this project. Known models: ${names}. Make that resource first (bulwark resource ${field.model} --fields ...), or add the feature that has it.`,
      );
    }
    related.set(field.name, model);
  }
  return related;
}

/** A relation as the templates use it. */
export interface RelationView extends RelationField {
  target: KnownModel;
  /** The reverse accessor on the target (Django related_name). */
  relatedName: string;
}

/** What every resource template sees. */
export interface ResourceView extends ResourceNames {
  fields: FieldSpec[];
  scalars: ScalarField[];
  fks: RelationView[];
  m2ms: RelationView[];
  relations: RelationView[];
  /** Related models to import, grouped by module, in a stable order. */
  imports: { module: string; source: KnownModel['source']; names: string[] }[];
  /** The field a summary of this resource shows, if any. */
  display?: string;
  limits: { strMaxLength: number; textMaxLength: number; decimalDigits: number; decimalPlaces: number; maxRelatedIds: number };
}

export function resourceView(names: ResourceNames, fields: FieldSpec[], related: ReadonlyMap<string, KnownModel>): ResourceView {
  const relations: RelationView[] = fields.filter(isRelation).map((field) => {
    const target = related.get(field.name)!;
    const sameTarget = fields.filter((other) => isRelation(other) && other.model === field.model);
    // One relation to a model: `book.reviews`; more than one: `user.reviews_as_author`, `user.reviews_as_editor`.
    const relatedName = sameTarget.length > 1 ? `${names.plural}_as_${field.name}` : names.plural;
    return { ...field, target, relatedName };
  });
  const modules = new Map<string, { module: string; source: KnownModel['source']; names: Set<string> }>();
  for (const relation of relations) {
    const entry = modules.get(relation.target.module) ?? { module: relation.target.module, source: relation.target.source, names: new Set<string>() };
    entry.names.add(relation.target.name);
    modules.set(relation.target.module, entry);
  }
  return {
    ...names,
    fields,
    scalars: fields.filter((field): field is ScalarField => !isRelation(field)),
    fks: relations.filter((relation) => relation.type === 'fk'),
    m2ms: relations.filter((relation) => relation.type === 'm2m'),
    relations,
    imports: [...modules.values()]
      .sort((a, b) => a.module.localeCompare(b.module))
      .map((entry) => ({ module: entry.module, source: entry.source, names: [...entry.names].sort() })),
    display: fields.find((field) => field.type === 'str')?.name,
    limits: {
      strMaxLength: STR_MAX_LENGTH,
      textMaxLength: TEXT_MAX_LENGTH,
      decimalDigits: DECIMAL_DIGITS,
      decimalPlaces: DECIMAL_PLACES,
      maxRelatedIds: MAX_RELATED_IDS,
    },
  };
}

/** Reads `.yo-rc.json`'s stored resources, refusing a malformed list. */
export function readStoredResources(value: unknown): StoredResource[] {
  if (value === undefined) return [];
  const valid =
    Array.isArray(value) &&
    value.every(
      (entry) =>
        typeof entry === 'object' &&
        entry !== null &&
        typeof entry.name === 'string' &&
        typeof entry.fields === 'string' &&
        (entry.plural === undefined || (typeof entry.plural === 'string' && PLURAL.test(entry.plural))),
    );
  if (!valid) {
    throw new BulwarkError('.yo-rc.json: "resources" must be a list of {"name": ..., "fields": ..., "plural": ...}. Fix the file, or restore it from git.');
  }
  return value as StoredResource[];
}

/** The same fields, whatever the spacing: for telling a repeated run from a changed one. */
export const normaliseFields = (spec: string): string =>
  parseFields(spec)
    .map((field) => (isRelation(field) ? `${field.name}:${field.type}:${field.model}` : `${field.name}:${field.type}`))
    .join(',');

/**
 * Django: the leaf migration of an app, from its migration files (name -> text): the one no other
 * migration of the app depends on. Returns undefined when there is none or more than one.
 */
export function leafMigration(app: string, files: ReadonlyMap<string, string>): string | undefined {
  const names = [...files.keys()].filter((name) => /^\d{4}_\w+$/.test(name)).sort();
  const dependedOn = new Set<string>();
  const pattern = new RegExp(`\\(\\s*["']${app}["']\\s*,\\s*["'](\\w+)["']\\s*\\)`, 'g');
  for (const name of names) {
    for (const match of (files.get(name) ?? '').matchAll(pattern)) dependedOn.add(match[1]!);
  }
  const leaves = names.filter((name) => !dependedOn.has(name));
  return leaves.length === 1 ? leaves[0] : undefined;
}

/** An Alembic revision file's `revision`, if it names one. */
export const revisionOf = (text: string): string | undefined => /^revision\s*(?::\s*str\s*)?=\s*["']([^"']+)["']/m.exec(text)?.[1];

/** The revisions an Alembic revision file's `down_revision` names (none, one, or a merge's tuple). */
export const downRevisionsOf = (text: string): string[] => {
  const down = /^down_revision\s*(?::[^=]+)?=\s*(.+)$/m.exec(text)?.[1] ?? 'None';
  return [...down.matchAll(/["']([^"']+)["']/g)].map((match) => match[1]!);
};

/**
 * Flask: the one head of an Alembic history, from the revision files' texts: the revision no
 * other revision names as its down_revision. Throws when there is no head or more than one.
 */
export function alembicHead(texts: readonly string[]): string {
  const revisions: string[] = [];
  const parents = new Set<string>();
  for (const text of texts) {
    const revision = revisionOf(text);
    if (revision === undefined) continue;
    revisions.push(revision);
    for (const parent of downRevisionsOf(text)) parents.add(parent);
  }
  const heads = revisions.filter((revision) => !parents.has(revision));
  if (heads.length !== 1) {
    const found = heads.length === 0 ? 'no head revision' : `${heads.length} head revisions (${heads.sort().join(', ')})`;
    throw new BulwarkError(
      `migrations/versions has ${found}, so Bulwark cannot tell which revision the new one follows. Run \`flask db merge heads\` (or fix the revision files), then run the command again.`,
    );
  }
  return heads[0]!;
}
