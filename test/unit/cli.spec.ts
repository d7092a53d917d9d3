import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTree, runCli, scratchDir } from '../support/cli.js';

const quick = ['--skip-install', '--skip-git'];

/** Runs the CLI in a fresh folder and checks the failure contract: status 1, the message, nothing written. */
async function expectRefusal(args: string[], message: RegExp, prepare?: (dir: string) => void): Promise<void> {
  const dir = scratchDir('bulwark-cli-');
  prepare?.(dir);
  const before = listTree(dir);
  const result = await runCli(args, dir);
  expect(result.stderr).toMatch(message);
  // Only the CLI's own message (or commander's usage error), not Yeoman's "An error occured while
  // running bulwark:app#..." above it.
  expect(result.stderr).toMatch(/^(bulwark|error): /);
  expect(result.stderr).not.toMatch(/An error occured/);
  expect(result.status).toBe(1);
  expect(listTree(dir)).toEqual(before);
}

describe('bulwark new refuses bad input, exits 1 and writes nothing', () => {
  it.concurrent.each([
    ['an empty name', ['new', '', '--defaults', ...quick], /project name is empty/],
    ['a Python keyword', ['new', 'class', '--defaults', ...quick], /"class" is a Python keyword/],
    ['a name shadowing an imported module', ['new', 'json', '--defaults', ...quick], /shadows the module/],
    ['the name "django"', ['new', 'django', '--defaults', ...quick], /shadows the module/],
    ['a path that escapes the folder', ['new', '../escape', '--defaults', ...quick], /path separator or "\.\."/],
    ['a nested path', ['new', 'a/b', '--defaults', ...quick], /path separator/],
    ['an unknown framework', ['new', 'demo', '--framework', 'rails', '--defaults', ...quick], /Unknown framework "rails"/],
    ['an unknown auth', ['new', 'demo', '--auth', 'basic', '--defaults', ...quick], /Unknown auth "basic"/],
    ['an unknown secret source', ['new', 'demo', '--secrets', 'gcp', '--defaults', ...quick], /Unknown secrets "gcp"/],
    ['an unknown feature', ['new', 'demo', '--features', 'docker,kafka', '--defaults', ...quick], /Unknown feature "kafka"/],
    ['two secret stores', ['new', 'demo', '--secrets', 'vault', '--features', 'aws', '--defaults', ...quick], /"aws" is another secret store/],
    ['no name', ['new', '--defaults', ...quick], /No project name given\. Pass it as the first argument/],
    ['no terminal and a question left', ['new', 'demo', ...quick], /No terminal to ask on, and --framework was not given/],
    ['no terminal and features not given', ['new', 'demo', '--framework', 'django', '--auth', 'jwt', '--secrets', 'env', ...quick], /--features was not given/],
    ['an unknown flag', ['new', 'demo', '--framwork', 'django', ...quick], /unknown option '--framwork'/],
  ])('%s', async (_case, args, message) => {
    await expectRefusal(args, message);
  });

  it.concurrent('a target folder that is not empty', async () => {
    await expectRefusal(['new', 'demo', '--defaults', ...quick], /demo already exists and is not empty.*--force/, (dir) => {
      mkdirSync(join(dir, 'demo'));
      writeFileSync(join(dir, 'demo', 'notes.txt'), 'mine');
    });
  });

  it.concurrent('a preset that is not valid JSON', async () => {
    await expectRefusal(['new', 'demo', '--preset', 'team.json', '--defaults', ...quick], /team\.json is not valid JSON/, (dir) => {
      writeFileSync(join(dir, 'team.json'), '{"framework": "django",');
    });
  });

  it.concurrent('a preset with an unknown key, naming the key', async () => {
    await expectRefusal(['new', 'demo', '--preset', 'team.json', '--defaults', ...quick], /unknown key "datbase"/, (dir) => {
      writeFileSync(join(dir, 'team.json'), '{"framework": "django", "datbase": "pg"}');
    });
  });

  it.concurrent('a preset that names an unknown feature', async () => {
    await expectRefusal(['new', 'demo', '--preset', 'team.json', ...quick], /Unknown feature "graphql"/, (dir) => {
      writeFileSync(join(dir, 'team.json'), '{"features": ["graphql"]}');
    });
  });

  it.concurrent('a missing preset file', async () => {
    await expectRefusal(['new', 'demo', '--preset', 'nope.json', '--defaults', ...quick], /nope\.json cannot be read/);
  });
});

describe('bulwark help and version', () => {
  it.concurrent('lists every flag of the contract under new --help and exits 0', async () => {
    const result = await runCli(['new', '--help'], scratchDir());
    expect(result.status).toBe(0);
    for (const flag of ['--framework', '--auth', '--secrets', '--features', '--preset', '--defaults', '--skip-install', '--skip-git', '--force']) {
      expect(result.stdout).toContain(flag);
    }
  });

  it.concurrent('lists the commands under --help and exits 0', async () => {
    const result = await runCli(['--help'], scratchDir());
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/new \[options\] \[name\]/);
  });
});

describe('bulwark add and list', () => {
  it.concurrent('add refuses to run outside a Bulwark project, writing nothing', async () => {
    await expectRefusal(['add', 'docker', '--skip-install'], /is not a Bulwark project/);
  });

  it.concurrent('add adds a feature once; the second run changes nothing', async () => {
    const dir = scratchDir('bulwark-cli-add-');
    expect((await runCli(['new', 'shop', '--defaults', '--features', '', ...quick], dir)).status).toBe(0);
    const project = join(dir, 'shop');
    const first = await runCli(['add', 'docker', '--skip-install'], project);
    expect(first.status, first.stderr).toBe(0);
    const after = listTree(project);
    expect(after).toContain('Dockerfile');
    const second = await runCli(['add', 'docker', '--skip-install'], project);
    expect(second.status).toBe(0);
    expect(second.stdout + second.stderr).toMatch(/Nothing to add/);
    expect(listTree(project)).toEqual(after);
  });

  it.concurrent('list shows each feature with its frameworks and whether the project has it', async () => {
    const dir = scratchDir('bulwark-cli-list-');
    await runCli(['new', 'shop', '--defaults', '--features', 'docker', ...quick], dir);
    const result = await runCli(['list'], join(dir, 'shop'));
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^docker\s+django, flask\s+yes\s+yes\b/m);
    expect(result.stdout).toMatch(/^cors\s+django, flask\s+yes\s+no\b/m);
  });
});
