import { type Command, CommanderError } from 'commander';
import { addEnvironmentOptions, prepareGeneratorCommand } from 'yeoman-environment';
import AppGenerator from '../generators/app/index.js';
import FeatureGenerator from '../generators/feature/index.js';
import ResourceGenerator from '../generators/resource/index.js';
import { removeEmptyCreatedFolders } from '../lib/cleanup.js';
import { isBulwarkError } from '../lib/errors.js';
import { generatorPath, packageVersion } from '../lib/paths.js';
import { assembleProgram, type CliCommand, COMMANDS } from './program.js';

/**
 * The full CLI: every command runs its generator through yeoman-environment. The generators are
 * imported here and registered as classes with their path, not looked up or imported by path at
 * run time, so the shipped bundle holds them with everything they use.
 */
const GENERATORS: Record<string, typeof AppGenerator | typeof FeatureGenerator | typeof ResourceGenerator> = {
  'bulwark:app': AppGenerator,
  'bulwark:feature': FeatureGenerator,
  'bulwark:resource': ResourceGenerator,
};

/** A generator as `YeomanCommand.registerGenerator` reads it: its declared options and arguments. */
export interface GeneratorDeclarations {
  _options: Record<string, unknown>;
  _arguments: unknown[];
}

/** The command of one generator, as yeoman-environment's `prepareCommand` makes it. */
async function prepare(declared: CliCommand, seen?: (generator: GeneratorDeclarations) => void): Promise<Command> {
  const command = addEnvironmentOptions();
  if (seen !== undefined) {
    const register = command.registerGenerator.bind(command);
    command.registerGenerator = (generator: GeneratorDeclarations) => {
      seen(generator);
      return register(generator);
    };
  }
  const generator = GENERATORS[declared.namespace];
  if (generator === undefined) throw new Error(`No generator class for ${declared.namespace}`);
  return prepareGeneratorCommand({ command, generator, namespace: declared.namespace, resolved: generatorPath(declared.folder) });
}

export async function buildProgram(seen?: (command: CliCommand, generator: GeneratorDeclarations) => void): Promise<Command> {
  const commands: Command[] = [];
  for (const declared of COMMANDS) commands.push(await prepare(declared, seen && ((generator) => seen(declared, generator))));
  return assembleProgram(commands, packageVersion());
}

/** Runs the CLI on `argv`; sets the exit status. */
export async function run(argv: readonly string[]): Promise<void> {
  // When a prompt is pending and stdin closes, inquirer rejects while Node is already exiting, and
  // the process would end with status 0 having written nothing. Only a finished run may exit 0.
  let finished = false;
  process.on('exit', (code) => {
    if (!finished && code === 0) process.exitCode = 1;
    if (!finished || process.exitCode) removeEmptyCreatedFolders();
  });

  try {
    await (await buildProgram()).parseAsync(argv);
    finished = true;
  } catch (error) {
    finished = true;
    if (error instanceof CommanderError) {
      process.exit(error.exitCode);
    }
    const message = isBulwarkError(error) ? error.message : (error as Error).stack ?? String(error);
    console.error(`bulwark: ${message}`);
    process.exitCode = 1;
    removeEmptyCreatedFolders();
  }
}
