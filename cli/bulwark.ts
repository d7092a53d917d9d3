#!/usr/bin/env node
import { CommanderError } from 'commander';
import { prepareCommand } from 'yeoman-environment';
import { removeEmptyCreatedFolders } from '../lib/cleanup.js';
import { isBulwarkError } from '../lib/errors.js';
import { generatorPath, packageVersion } from '../lib/paths.js';

// When a prompt is pending and stdin closes, inquirer rejects while Node is already exiting, and
// the process would end with status 0 having written nothing. Only a finished run may exit 0.
let finished = false;
process.on('exit', (code) => {
  if (!finished && code === 0) process.exitCode = 1;
  if (!finished || process.exitCode) removeEmptyCreatedFolders();
});

async function main(): Promise<void> {
  const newCommand = await prepareCommand({ resolved: generatorPath('app'), namespace: 'bulwark:app' });
  newCommand
    .name('new')
    .summary('Create a new hardened Django or Flask REST backend (the default command)')
    .description('Create a new hardened Django or Flask REST backend in a new folder named after the project.');

  const program = newCommand.createCommand('bulwark');
  program
    .description('Bulwark: generate security-hardened Python REST backends.')
    .version(packageVersion())
    .addCommand(newCommand, { isDefault: true })
    .showHelpAfterError('(run with --help for usage)');
  // Commander exits by itself after --help, --version and usage errors; let it throw instead,
  // so the exit guard above sees a finished run and its real status.
  for (const command of [program, newCommand]) command.exitOverride();

  await program.parseAsync(process.argv);
}

try {
  await main();
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
