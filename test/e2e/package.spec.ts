/**
 * The package as npm ships it: `npm pack`, installed under node_modules/generator-bulwark, is
 * found by Yeoman's lookup as `bulwark:app` (what `yo bulwark` uses) and its bin generates the
 * same project as the working tree's build.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEnv } from 'yeoman-environment';
import { BIN, listTree, runCli, scratchDir } from '../support/cli.js';
import { run } from '../support/processes.js';
import { packageRoot } from '../../lib/paths.js';

describe('the packed generator-bulwark', () => {
  let nodeModules: string;
  let installed: string;

  beforeAll(async () => {
    const scratch = scratchDir('bulwark-pack-');
    const packed = await run('npm', ['pack', '--silent', '--pack-destination', scratch], { cwd: packageRoot });
    const tarball = join(scratch, packed.stdout.trim().split('\n').pop() as string);
    nodeModules = join(scratch, 'node_modules');
    installed = join(nodeModules, 'generator-bulwark');
    mkdirSync(installed, { recursive: true });
    await run('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
    // The packed package resolves its dependencies from this checkout's node_modules.
    await run('ln', ['-s', join(packageRoot, 'node_modules'), join(installed, 'node_modules')]);
  });

  it('ships the build and the templates, not the TypeScript sources', async () => {
    const files = listTree(installed).filter((file) => !file.startsWith('node_modules'));
    expect(files).toContain('dist/cli/bulwark.js');
    expect(files).toContain('dist/generators/app/index.js');
    expect(files.some((file) => file.startsWith('templates/django/base/'))).toBe(true);
    expect(files.filter((file) => file.endsWith('.ts'))).toEqual([]);
  });

  it('is found by Yeoman as bulwark:app, from dist', async () => {
    const env = createEnv();
    const found = await env.lookup({ npmPaths: [nodeModules] });
    const app = found.find((generator) => generator.namespace === 'bulwark:app');
    expect(app?.resolved).toBe(join(installed, 'dist', 'generators', 'app', 'index.js'));
  });

  it('generates the same files as the working tree build', async () => {
    const args = ['new', 'same-api', '--defaults', '--skip-install', '--skip-git'];
    const fromPackage = scratchDir('bulwark-pack-run-');
    const fromBuild = scratchDir('bulwark-build-run-');
    const packedRun = await runCli(args, fromPackage, {}, join(installed, 'dist', 'cli', 'bulwark.js'));
    const buildRun = await runCli(args, fromBuild, {}, BIN);
    expect(packedRun.status, packedRun.stderr).toBe(0);
    expect(buildRun.status, buildRun.stderr).toBe(0);
    const tree = listTree(join(fromPackage, 'same-api'));
    expect(tree).toEqual(listTree(join(fromBuild, 'same-api')));
    expect(tree).toContain('.gitignore');
    for (const file of tree.filter((entry) => !entry.endsWith('/'))) {
      expect(readFileSync(join(fromPackage, 'same-api', file), 'utf8'), file).toBe(readFileSync(join(fromBuild, 'same-api', file), 'utf8'));
    }
  });
});
