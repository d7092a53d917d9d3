import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { type TemplateData, templateData } from '../../lib/apply.js';
import type { Framework } from '../../lib/choices.js';
import { BulwarkError, withoutTaskErrorLine } from '../../lib/errors.js';
import { insertAtNeedle } from '../../lib/needles.js';
import { templatesRoot } from '../../lib/paths.js';
import { runPythonInstall } from '../../lib/python-install.js';
import {
  alembicHead,
  type FieldSpec,
  isRelation,
  knownModels,
  leafMigration,
  normaliseFields,
  parseFields,
  readStoredResources,
  resolveRelations,
  type ResourceView,
  resourceView,
  type StoredResource,
  storedPlural,
  validateResourceName,
} from '../../lib/resource.js';
import { djangoResource } from '../../lib/resource-django.js';
import { flaskResource } from '../../lib/resource-flask.js';
import { hasTestsSection, pyCall, pyImports } from '../../lib/resource-render.js';
import { buildSpec, type ProjectSpec, readStoredAnswers, STORAGE_KEY } from '../../lib/spec.js';
import { listTemplates } from '../../lib/templates.js';
import { formatConfigOnCommit } from '../../lib/json-format.js';
import { generatorWriter } from '../../lib/writer.js';

export type ResourceOptions = BaseOptions & {
  name?: string;
  fields?: string;
  plural?: string;
};

/** A file the resource writes, and whether an existing one is left as it is (shared helpers). */
interface PlannedFile {
  source: string;
  destination: string;
  render: boolean;
  shared: boolean;
  /** A file of the base project that the resource's code imports: written only if the project (made by an older Bulwark) lacks it. */
  fromBase?: boolean;
}

/** Files of the base project that resources import and that older projects may lack. */
const BASE_FILES: Record<Framework, readonly string[]> = { django: [], flask: ['_pkg_/validation.py'] };

/**
 * `bulwark resource <Name> --fields "..."`: one model with its migration, API (list, detail,
 * create, change, delete) under the project's role rules, optimised loading of its relations,
 * tests that pin its query counts, and a docs page, in the project in the current folder.
 *
 * Everything is checked in `initializing`, before anything is written: a bad name or field,
 * an unknown related model, or a file that is already there stops the run with what to change.
 */
export default class ResourceGenerator extends Generator<Record<string, unknown>, ResourceOptions> {
  spec!: ProjectSpec;
  view!: ResourceView;
  stored: StoredResource[] = [];
  fieldSpec = '';
  unchanged = false;
  files: PlannedFile[] = [];
  extra: Record<string, unknown> = {};
  dependencyAdded = false;

  constructor(args?: string[], options?: ResourceOptions) {
    super(args ?? [], options ?? ({} as ResourceOptions), { customInstallTask: true });
    Object.assign(this, { log: withoutTaskErrorLine(this.log) });
    this.argument('name', { type: String, required: true, description: 'The model\'s class name, singular, in CapWords (e.g. Review)' });
    this.option('fields', {
      type: String,
      description: 'Comma-separated name:type, types str, text, int, decimal, bool, date, datetime, fk:<Model>, m2m:<Model> (e.g. "body:text,rating:int,book:fk:Book")',
    });
    this.option('plural', {
      type: String,
      description: 'The plural, snake_case, that names the module, table and URL, when the English rules get it wrong (e.g. --plural staff); default: made from the name',
    });
    this.sourceRoot(templatesRoot);
  }

  initializing(): void {
    const root = this.destinationRoot();
    const answers = readStoredAnswers(root);
    if (answers.name === undefined || answers.framework === undefined) {
      throw new BulwarkError(
        `${root} is not a Bulwark project (no "${STORAGE_KEY}" entry in .yo-rc.json). Run bulwark resource from the folder that bulwark new created.`,
      );
    }
    this.spec = buildSpec({ auth: 'jwt', secrets: 'env', features: [], ...answers });
    this.stored = readStoredResources(this.config.get('resources'));
    const name = this.options.name ?? '';
    if (this.options.fields === undefined) {
      throw new BulwarkError(`Pass the fields of ${name || 'the resource'} with --fields, e.g. --fields "body:text,rating:int,book:fk:Book".`);
    }
    this.fieldSpec = normaliseFields(this.options.fields);

    const earlier = this.stored.find((resource) => resource.name === name);
    if (earlier !== undefined) {
      const samePlural = this.options.plural === undefined || this.options.plural === storedPlural(earlier);
      if (normaliseFields(earlier.fields) === this.fieldSpec && samePlural) {
        this.unchanged = true;
        return;
      }
      throw new BulwarkError(
        `The project already has the resource ${name}, made with --fields "${earlier.fields}"${earlier.plural === undefined ? '' : ` --plural ${earlier.plural}`}. Bulwark does not change a resource it made: edit its model and make a migration, or choose another name.`,
      );
    }

    const framework = this.spec.framework;
    const known = knownModels(this.spec.features, this.stored, framework);
    const names = validateResourceName(name, framework, known, this.options.plural);
    const fields = parseFields(this.options.fields);
    this.view = resourceView(names, fields, resolveRelations(fields, name, known));
    this.files = this._plannedFiles();
    for (const file of this.files) {
      const path = this.destinationPath(file.destination);
      if (file.shared && !file.fromBase && existsSync(path) && !readFileSync(path, 'utf8').includes('bulwark resource')) {
        throw new BulwarkError(
          `${file.destination} already exists and is not the helper bulwark resource writes there (the new tests and views import it). Move your file away, then run the command again.`,
        );
      }
      if (!file.shared && existsSync(path)) {
        throw new BulwarkError(
          `${file.destination} already exists, so the resource ${name} would overwrite it. Move it away, or choose another name for the resource.`,
        );
      }
    }
    const pkg = this.spec.packageName;
    for (const path of [`${pkg}/${names.plural}`, `${pkg}/${names.plural}.py`, `tests/${names.plural}`]) {
      if (existsSync(this.destinationPath(path))) {
        throw new BulwarkError(`${path} already exists, so the resource ${name} cannot use that module. Choose another name for the resource.`);
      }
    }
    const pyproject = this.destinationPath('pyproject.toml');
    const testsSection = existsSync(pyproject) && hasTestsSection(readFileSync(pyproject, 'utf8'));
    this.extra =
      framework === 'django'
        ? { d: djangoResource(this.view, pkg, this._djangoDependencies(), testsSection) }
        : { f: flaskResource(this.view, pkg, this._alembicHead(), existsSync(this.destinationPath(pkg, 'describe.py')), testsSection) };
  }

  /** Django: the latest migration of each app the resource's relations point into. */
  private _djangoDependencies(): [string, string][] {
    const dependencies = new Map<string, [string, string]>();
    for (const relation of this.view.relations) {
      const target = relation.target;
      if (target.source === 'users') {
        dependencies.set('__user__', ['__user__', '']);
        continue;
      }
      const app = target.source === 'catalog' ? 'catalog' : target.module;
      if (dependencies.has(app)) continue;
      const folder = this.destinationPath(this.spec.packageName, app, 'migrations');
      const files = new Map<string, string>();
      if (existsSync(folder)) {
        for (const file of readdirSync(folder)) {
          if (file.endsWith('.py') && file !== '__init__.py') files.set(file.slice(0, -3), readFileSync(join(folder, file), 'utf8'));
        }
      }
      const leaf = leafMigration(app, files);
      if (leaf === undefined) {
        throw new BulwarkError(
          `Cannot tell the latest migration of the ${app} app (${this.spec.packageName}/${app}/migrations has none, or more than one leaf). Run \`python manage.py makemigrations --merge\` (or restore the app's migrations), then run the command again.`,
        );
      }
      dependencies.set(app, [app, leaf]);
    }
    return [...dependencies.values()].sort(([a], [b]) => a.localeCompare(b));
  }

  /** Flask: the one head revision of migrations/versions, which the resource's revision follows. */
  private _alembicHead(): string {
    const folder = this.destinationPath('migrations', 'versions');
    const texts = existsSync(folder)
      ? readdirSync(folder)
          .filter((file) => file.endsWith('.py'))
          .map((file) => readFileSync(join(folder, file), 'utf8'))
      : [];
    return alembicHead(texts);
  }

  private _plannedFiles(): PlannedFile[] {
    const framework = this.spec.framework;
    const plural = this.view.plural;
    const place = (destination: string) =>
      destination
        .split('/')
        .map((segment) => segment.replace(/^_resource_(?=[._]|$)/, plural))
        .join('/');
    return [
      ...listTemplates(templatesRoot, [join(framework, 'resource')], this.spec.packageName).map((file) => ({
        ...file,
        destination: place(file.destination),
        shared: false,
      })),
      ...listTemplates(templatesRoot, [join(framework, 'resource-shared')], this.spec.packageName).map((file) => ({ ...file, shared: true })),
      ...BASE_FILES[framework].map((path) => ({
        source: join(framework, 'base', path),
        destination: path.replace(/^_pkg_(?=\/)/, this.spec.packageName),
        render: false,
        shared: true,
        fromBase: true,
      })),
    ];
  }

  writing(): void {
    if (this.unchanged) {
      this.log(`Nothing to do: the project already has the resource ${this.options.name} with these fields.`);
      return;
    }
    const data = {
      ...templateData(this.spec, this.rootGeneratorVersion()),
      ...this.extra,
      r: this.view,
      fieldSpec: this.fieldSpec,
      createDate: new Date().toISOString().slice(0, 19).replace('T', ' '),
      docFields: docFields(this.view.fields, this.view),
      call: pyCall,
      imports: pyImports,
    } satisfies TemplateData & Record<string, unknown>;
    formatConfigOnCommit(this);
    const writer = generatorWriter(this, { editsAreMerges: true });
    for (const file of this.files) {
      if (file.shared && writer.readDestination(file.destination) !== undefined) continue;
      if (file.render) writer.renderTemplate(file.source, file.destination, data);
      else writer.copyTemplate(file.source, file.destination);
    }
    for (const { file, needle, content } of this._insertions()) {
      const current = writer.readDestination(file);
      if (current === undefined) throw new BulwarkError(`${file} is missing, so Bulwark cannot add the resource to it. Restore it (from git), then run the command again.`);
      const updated = insertAtNeedle(current, needle, content, file);
      if (updated !== current) {
        writer.writeDestination(file, updated);
        if (file === 'pyproject.toml') this.dependencyAdded = true;
      }
    }
    this.config.set('resources', [...this.stored, { name: this.view.name, fields: this.fieldSpec, plural: this.view.plural }]);
  }

  private _insertions(): { file: string; needle: string; content: string }[] {
    const pkg = this.spec.packageName;
    const { name, plural, title, urlSegment } = this.view;
    const readme = {
      file: 'README.md',
      needle: 'readme-features',
      content: `- **${title}** (\`bulwark resource ${name}\`): \`/api/v1/${urlSegment}/\`, viewers read, editors write, admins delete, in a constant number of queries; see \`docs/api/${plural}.md\`.`,
    };
    if (this.spec.framework === 'django') {
      return [
        { file: `${pkg}/settings/base.py`, needle: 'installed-apps', content: `"${pkg}.${plural}",` },
        { file: `${pkg}/urls.py`, needle: 'urls', content: `path("api/v1/", include("${pkg}.${plural}.urls")),` },
        readme,
      ];
    }
    return [
      { file: 'pyproject.toml', needle: 'dependencies', content: '"pydantic>=2.10,<3",' },
      { file: `${pkg}/__init__.py`, needle: 'blueprints', content: `from . import ${plural}\n\n${plural}.init_app(app)` },
      readme,
    ];
  }

  async install(): Promise<void> {
    if (!this.dependencyAdded || this.options.skipInstall) return;
    await runPythonInstall((command, args, quiet) => this.spawn(command, args, { stdio: quiet ? 'ignore' : 'inherit' }), this.log);
  }

  end(): void {
    if (this.unchanged) return;
    const { name, urlSegment, plural } = this.view;
    const migrate = this.spec.framework === 'django' ? 'python manage.py migrate' : 'flask db upgrade';
    this.log(`\nAdded the resource ${name} at /api/v1/${urlSegment}/ (docs/api/${plural}.md). Run make test, then ${migrate}.\n`);
  }
}

/** The fields table of the resource's docs page. */
function docFields(fields: readonly FieldSpec[], view: ResourceView): { name: string; type: string; input: string; output: string }[] {
  const { limits } = view;
  const summary = (model: string) => {
    const target = view.relations.find((relation) => relation.model === model)!.target;
    return target.display ? `\`{"id", "${target.display}"}\`` : '`{"id"}`';
  };
  return fields.map((field) => {
    if (isRelation(field)) {
      return field.type === 'fk'
        ? { name: field.name, type: `a ${field.model}`, input: `required: its id`, output: summary(field.model) }
        : { name: field.name, type: `${field.model}s`, input: `optional: a list of up to ${limits.maxRelatedIds} ids`, output: `a list of ${summary(field.model)}` };
    }
    const described = {
      str: ['string', `required: 1 to ${limits.strMaxLength} characters`],
      text: ['string', `optional: up to ${limits.textMaxLength} characters; "" when left out`],
      int: ['integer', 'required: a 32-bit integer'],
      decimal: ['decimal', `required: up to ${limits.decimalDigits} digits, ${limits.decimalPlaces} after the point`],
      bool: ['boolean', 'optional: false when left out'],
      date: ['date', 'required: `YYYY-MM-DD`'],
      datetime: ['date and time', 'required: ISO 8601 with a time zone'],
    }[field.type];
    const output = field.type === 'decimal' ? 'a string, e.g. `"12.50"`' : 'always';
    return { name: field.name, type: described[0]!, input: described[1]!, output };
  });
}
