import type { Command } from 'commander';

/**
 * The commands of the `bulwark` bin, one per generator. Both the full CLI (cli/main.ts) and the
 * `--help` fast path (cli/help.ts) build their command tree from this table and `assembleProgram`,
 * so the help they print is the same; only the generators' own options come from different places
 * (the generator itself, or the help manifest the build records from it).
 */
export interface CliCommand {
  name: string;
  /** Yeoman namespace, as `yo` knows the generator. */
  namespace: string;
  /** Folder under generators/ (and dist/generators/). */
  folder: string;
  summary: string;
  description: string;
  isDefault?: boolean;
}

export const COMMANDS: readonly CliCommand[] = [
  {
    name: 'new',
    namespace: 'bulwark:app',
    folder: 'app',
    summary: 'Create a new hardened Django or Flask REST backend (the default command)',
    description: 'Create a new hardened Django or Flask REST backend in a new folder named after the project.',
    isDefault: true,
  },
  {
    name: 'add',
    namespace: 'bulwark:feature',
    folder: 'feature',
    summary: 'Add features to the Bulwark project in the current folder',
    description:
      'Add features (see `bulwark list`) to the Bulwark project in the current folder. Your edits are kept; a feature the project has is skipped.',
  },
  {
    name: 'resource',
    namespace: 'bulwark:resource',
    folder: 'resource',
    summary: 'Add a model with its API, roles, migration, optimised queries and tests',
    description:
      'Add a resource to the Bulwark project in the current folder: a model and its migration, a REST API under the role rules (viewer reads, editor writes, admin deletes), optimised loading of its relations, tests that pin its query counts, and a docs page. Example: bulwark resource Review --fields "body:text,rating:int,book:fk:Book"',
  },
];

/** Names the program and its commands; `commands` holds one command per entry of COMMANDS, in order, with the generator's options. */
export function assembleProgram(commands: readonly Command[], version: string): Command {
  const [first] = commands;
  if (first === undefined || commands.length !== COMMANDS.length) throw new Error('assembleProgram needs one command per entry of COMMANDS');
  const program = first.createCommand('bulwark');
  program.description('Bulwark: generate security-hardened Python REST backends.').version(version);
  COMMANDS.forEach((declared, index) => {
    const command = commands[index] as Command;
    command.name(declared.name).summary(declared.summary).description(declared.description);
    program.addCommand(command, { isDefault: declared.isDefault ?? false });
  });
  program
    .command('list')
    .summary('List the features, the frameworks each supports, and which the current project has')
    .description('List the features, the frameworks each supports, and which the project in the current folder has.')
    .action(async () => {
      const { featureCatalogue } = await import('../lib/feature-catalogue.js');
      console.log(featureCatalogue(process.cwd()));
    });
  program.showHelpAfterError('(run with --help for usage)');
  // Commander exits by itself after --help, --version and usage errors; let it throw instead,
  // so the caller sees a finished run and its real status.
  for (const command of [program, ...program.commands]) command.exitOverride();
  return program;
}
