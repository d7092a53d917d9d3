import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import Generator, { type BaseOptions } from 'yeoman-generator';
import { applyFeature, resolvePlan, templateData } from '../../lib/apply.js';
import { CHOICE_QUESTIONS, type Framework } from '../../lib/choices.js';
import { rememberCreatedFolder } from '../../lib/cleanup.js';
import { BulwarkError, withoutTaskErrorLine } from '../../lib/errors.js';
import { defaultFeatureIds } from '../../lib/features/index.js';
import { formatConfigOnCommit } from '../../lib/json-format.js';
import { templatesRoot } from '../../lib/paths.js';
import { runPythonInstall } from '../../lib/python-install.js';
import { generatorWriter } from '../../lib/writer.js';
import {
  type Answers,
  buildSpec,
  checkAnswers,
  loadPreset,
  mergeAnswers,
  parseFeatureList,
  type ProjectSpec,
  readStoredAnswers,
} from '../../lib/spec.js';
import { choicePrompt, featuresQuestion, nameQuestion } from './prompts.js';

export type AppOptions = BaseOptions & {
  name?: string;
  framework?: string;
  auth?: string;
  secrets?: string;
  features?: string;
  preset?: string;
  defaults?: boolean;
  yes?: boolean;
  force?: boolean;
  skipGit?: boolean;
  /** Whether questions may be asked; defaults to whether stdin is a terminal. */
  interactive?: boolean;
};

/** `bulwark new <name>`: answers -> ProjectSpec -> plan -> render -> commit -> install -> summary. */
export default class AppGenerator extends Generator<Record<string, unknown>, AppOptions> {
  spec!: ProjectSpec;

  constructor(args?: string[], options?: AppOptions) {
    // customInstallTask: the env would otherwise look for a package.json to npm-install.
    super(args ?? [], options ?? ({} as AppOptions), { customInstallTask: true });
    Object.assign(this, { log: withoutTaskErrorLine(this.log) });
    this.argument('name', { type: String, required: false, description: 'Project name; the project is created in a new folder of that name' });
    for (const question of CHOICE_QUESTIONS) {
      this.option(question.key, { type: String, description: `${question.description} (default: ${question.default})` });
    }
    this.option('features', {
      type: String,
      description: `Comma-separated feature ids (default: ${defaultFeatureIds().join(',')}); "" for none`,
    });
    this.option('preset', { type: String, description: 'A JSON file of team choices (framework, auth, secrets, features)' });
    this.option('defaults', { type: Boolean, description: 'Take the default for every choice not given (alias: --yes)' });
    this.option('yes', { type: Boolean, description: 'Same as --defaults', hide: true });
    this.option('skip-git', { type: Boolean, description: 'Do not run git init in the new project' });
    this.sourceRoot(templatesRoot);
  }

  private get takeDefaults(): boolean {
    return Boolean(this.options.defaults || this.options.yes);
  }

  private get interactive(): boolean {
    return this.options.interactive ?? Boolean(process.stdin.isTTY);
  }

  private flagAnswers(): Answers {
    const { name, framework, auth, secrets, features } = this.options;
    return { name, framework, auth, secrets, features: features === undefined ? undefined : parseFeatureList(features) };
  }

  private missing(flag: string): BulwarkError {
    return new BulwarkError(`No terminal to ask on, and ${flag} was not given. Pass ${flag}, or --defaults to take the default for every choice.`);
  }

  async prompting(): Promise<void> {
    const flags = this.flagAnswers();
    const preset = this.options.preset === undefined ? {} : loadPreset(resolve(this.env.cwd, this.options.preset));
    checkAnswers(mergeAnswers(preset, flags));

    let name = flags.name;
    if (name === undefined) {
      if (!this.interactive || this.takeDefaults) {
        throw new BulwarkError('No project name given. Pass it as the first argument: bulwark new <name>.');
      }
      ({ name } = await this.prompt<{ name: string }>([nameQuestion]));
    }
    checkAnswers({ name });
    const target = resolve(this.env.cwd, name);
    this.checkTarget(target);

    // Flags win over the preset, the preset over answers stored by an earlier run.
    const answers = mergeAnswers(readStoredAnswers(target), preset, flags, { name });
    checkAnswers(answers);
    for (const question of CHOICE_QUESTIONS) {
      if (answers[question.key] !== undefined) continue;
      if (this.takeDefaults) answers[question.key] = question.default;
      else if (!this.interactive) throw this.missing(`--${question.key}`);
      else Object.assign(answers, await this.prompt([choicePrompt(question)]));
    }
    if (answers.features === undefined) {
      if (this.takeDefaults) answers.features = defaultFeatureIds(answers.framework as Framework);
      else if (!this.interactive) throw this.missing('--features');
      else Object.assign(answers, await this.prompt([featuresQuestion(answers.framework ?? 'django')]));
    }
    this.spec = buildSpec(answers);
  }

  private checkTarget(target: string): void {
    if (!existsSync(target)) return;
    const entries = readdirSync(target);
    if (entries.length > 0 && !this.options.force) {
      throw new BulwarkError(
        `The folder ${target} already exists and is not empty. Choose another name, empty the folder, or pass --force to write into it (changed files are overwritten).`,
      );
    }
  }

  configuring(): void {
    const target = resolve(this.env.cwd, this.spec.name);
    if (!existsSync(target)) rememberCreatedFolder(target);
    this.destinationRoot(target);
    const { name, packageName, framework, auth, secrets, features } = this.spec;
    this.config.set({ name, packageName, framework, auth, secrets, features, generatorVersion: this.rootGeneratorVersion() });
    formatConfigOnCommit(this);
  }

  writing(): void {
    const data = templateData(this.spec, this.rootGeneratorVersion());
    const writer = generatorWriter(this);
    for (const feature of resolvePlan(this.spec)) applyFeature(writer, feature, this.spec, data);
  }

  async install(): Promise<void> {
    if (this.options.skipInstall) return;
    await runPythonInstall((command, args, quiet) => this.spawn(command, args, { stdio: quiet ? 'ignore' : 'inherit' }), this.log);
  }

  async end(): Promise<void> {
    if (!this.options.skipGit && !existsSync(this.destinationPath('.git'))) {
      try {
        await this.spawn('git', ['init', '--quiet'], { stdio: 'inherit' });
      } catch (error) {
        this.log.error(`git init failed (${(error as Error).message}); run it yourself in ${this.destinationRoot()}.`);
      }
    }
    const { name, framework, auth, secrets, features } = this.spec;
    this.log(`\nCreated ${name}: ${framework}, auth ${auth}, secrets ${secrets}, features ${features.join(', ') || 'none'}.`);
    this.log('Next:');
    this.log(`  cd ${name} && make setup`);
    this.log('  make test\n');
  }
}
