import Generator, { type BaseOptions } from 'yeoman-generator';
import { applyFeature, templateData } from '../../lib/apply.js';
import { BulwarkError, withoutTaskErrorLine } from '../../lib/errors.js';
import { findFeature } from '../../lib/features/index.js';
import { templatesRoot } from '../../lib/paths.js';
import { runPythonInstall } from '../../lib/python-install.js';
import { buildSpec, type ProjectSpec, readStoredAnswers, reconcileSecrets, resolveFeatures, STORAGE_KEY } from '../../lib/spec.js';
import { formatConfigOnCommit } from '../../lib/json-format.js';
import { generatorWriter } from '../../lib/writer.js';

export type FeatureOptions = BaseOptions & {
  features?: string[];
};

/**
 * `bulwark add <feature...>`: applies registry features to the generated project in the current
 * folder, through the same applyFeature as `bulwark new`. Features the project has are skipped,
 * so running it twice changes nothing the second time.
 */
export default class FeatureGenerator extends Generator<Record<string, unknown>, FeatureOptions> {
  spec!: ProjectSpec;
  added: string[] = [];

  constructor(args?: string[], options?: FeatureOptions) {
    super(args ?? [], options ?? ({} as FeatureOptions), { customInstallTask: true });
    Object.assign(this, { log: withoutTaskErrorLine(this.log) });
    this.argument('features', { type: Array, required: true, description: 'Feature ids to add (see `bulwark list`)' });
    this.sourceRoot(templatesRoot);
  }

  initializing(): void {
    const stored = readStoredAnswers(this.destinationRoot());
    if (stored.name === undefined || stored.framework === undefined) {
      throw new BulwarkError(
        `${this.destinationRoot()} is not a Bulwark project (no "${STORAGE_KEY}" entry in .yo-rc.json). Run bulwark add from the folder that bulwark new created.`,
      );
    }
    const current = buildSpec({ auth: 'jwt', secrets: 'env', features: [], ...stored });
    const requested = (this.options.features ?? []).flatMap((id) => id.split(',')).filter((id) => id !== '');
    // A secret store (vault, aws) is also the project's `secrets` answer: keep the two in step.
    const store = reconcileSecrets(current.secrets, [...current.features, ...requested]);
    const features = resolveFeatures(store.features, current.framework);
    this.added = features.filter((id) => !current.features.includes(id));
    this.spec = { ...current, secrets: store.secrets, features };
  }

  writing(): void {
    if (this.added.length === 0) {
      this.log(`Nothing to add: the project already has ${this.options.features?.join(', ')}.`);
      return;
    }
    const data = templateData(this.spec, this.rootGeneratorVersion());
    formatConfigOnCommit(this);
    const writer = generatorWriter(this, { editsAreMerges: true });
    for (const id of this.added) applyFeature(writer, findFeature(id)!, this.spec, data);
    this.config.set({ secrets: this.spec.secrets, features: this.spec.features });
  }

  async install(): Promise<void> {
    if (this.added.length === 0 || this.options.skipInstall) return;
    await runPythonInstall((command, args, quiet) => this.spawn(command, args, { stdio: quiet ? 'ignore' : 'inherit' }), this.log);
  }

  end(): void {
    if (this.added.length > 0) this.log(`\nAdded ${this.added.join(', ')}. Run make test to check the project.\n`);
  }
}
