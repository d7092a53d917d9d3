import { existsSync, readFileSync } from 'node:fs';
import { type Command, CommanderError } from 'commander';
// In the shipped bundle this import is yeoman-environment's util/command.js alone (see scripts/build.mjs):
// YeomanCommand and the environment's options, without the environment.
import { addEnvironmentOptions } from 'yeoman-environment';
import { packageVersion } from '../lib/paths.js';
import type { GeneratorDeclarations } from './main.js';
import { assembleProgram, COMMANDS } from './program.js';

/**
 * `--help` and `--version` without loading Yeoman. The build records each generator's declared
 * options and arguments in help.json beside this file (from the generator itself, see
 * `helpManifest`); this module rebuilds the same commander tree from them with the same code as
 * the full CLI and lets commander print the help. Anything but help or version (a real run, a
 * usage error) is left to the full CLI, as is everything when there is no manifest.
 */

export const HELP_MANIFEST = new URL('./help.json', import.meta.url);

/** Option types as JSON can hold them. */
const TYPES: Record<string, unknown> = { String, Boolean, Number, Array };

export interface HelpManifest {
  commands: Record<string, GeneratorDeclarations>;
}

type Declaration = Record<string, unknown> & { type?: unknown };

const mapTypes = (declarations: Record<string, Declaration> | Declaration[], convert: (type: unknown, where: string) => unknown) => {
  const entries = Object.entries(declarations).map(([key, value]) => [key, { ...value, type: convert(value.type, `${key}`) }] as const);
  return Array.isArray(declarations) ? entries.map(([, value]) => value) : Object.fromEntries(entries);
};

/** The manifest of what the full CLI registers; fails on a declaration JSON cannot carry. */
export function toManifest(generators: Record<string, GeneratorDeclarations>): HelpManifest {
  const typeName = (type: unknown, where: string): string | undefined => {
    if (type === undefined) return undefined;
    const name = Object.keys(TYPES).find((key) => TYPES[key] === type);
    if (name === undefined) throw new Error(`The help manifest cannot describe the type of ${where}; declare it with String, Boolean, Number or Array`);
    return name;
  };
  const commands: Record<string, GeneratorDeclarations> = {};
  for (const [name, generator] of Object.entries(generators)) {
    commands[name] = {
      _options: mapTypes(generator._options as Record<string, Declaration>, typeName) as Record<string, unknown>,
      _arguments: mapTypes(generator._arguments as Declaration[], typeName) as unknown[],
    };
  }
  // Through JSON and back, so the caller sees what the manifest will hold.
  return { commands: JSON.parse(JSON.stringify(commands)) as Record<string, GeneratorDeclarations> };
}

/** The command tree rebuilt from a manifest: the same calls as yeoman-environment's prepareCommand makes. */
export function programFromManifest(manifest: HelpManifest): Command {
  const revive = (type: unknown) => (type === undefined ? undefined : TYPES[type as string]);
  const commands = COMMANDS.map((declared) => {
    const generator = manifest.commands[declared.name];
    if (generator === undefined) throw new Error(`The help manifest has no command ${declared.name}`);
    return addEnvironmentOptions().registerGenerator({
      _options: mapTypes(generator._options as Record<string, Declaration>, revive),
      _arguments: mapTypes(generator._arguments as Declaration[], revive),
    });
  });
  return assembleProgram(commands, packageVersion());
}

/** A run of a command: not for this path. */
class NotHelp extends Error {}

/**
 * Prints the help or version `argv` asks for and sets the exit status, as the full CLI would.
 * Returns false, having printed nothing, when the full CLI has to answer.
 */
export function answerHelp(argv: readonly string[]): boolean {
  if (!existsSync(HELP_MANIFEST)) return false;
  const program = programFromManifest(JSON.parse(readFileSync(HELP_MANIFEST, 'utf8')) as HelpManifest);
  let out = '';
  for (const command of [program, ...program.commands]) {
    command.configureOutput({ writeOut: (text) => (out += text), writeErr: () => undefined });
  }
  // The program itself has no action (an action would change how commander parses); its commands do.
  for (const command of program.commands) {
    command.action(() => {
      throw new NotHelp();
    });
  }
  try {
    program.parse(argv);
  } catch (error) {
    if (error instanceof CommanderError && ['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(error.code)) {
      process.stdout.write(out);
      process.exitCode = error.exitCode;
      return true;
    }
  }
  return false;
}
