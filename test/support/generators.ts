/** Yeoman-test runs of the generators in memory-backed scratch folders, shared by the generator specs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import helpers from 'yeoman-test';
import AppGenerator from '../../generators/app/index.js';
import FeatureGenerator from '../../generators/feature/index.js';
import { generatorPath } from '../../lib/paths.js';
import { listTree, scratchDir } from './cli.js';

/** `bulwark new demo-api --defaults --skip-git --skip-install` plus `options`; the project's folder. */
export async function createProject(options: Record<string, unknown>, scratchPrefix = 'bulwark-generator-'): Promise<string> {
  const result = await helpers
    .run<AppGenerator>(AppGenerator, { resolved: generatorPath('app'), namespace: 'bulwark:app' })
    .cd(scratchDir(scratchPrefix))
    .withArguments(['demo-api'])
    .withOptions({ defaults: true, skipGit: true, skipInstall: true, ...options });
  return join(result.cwd, 'demo-api');
}

/** `bulwark add <features> --skip-install` inside `project`, with Yeoman's conflicter asking (force off). */
export const addFeatures = (project: string, features: string[]) =>
  helpers
    .run<FeatureGenerator>(FeatureGenerator, { resolved: generatorPath('feature'), namespace: 'bulwark:feature' }, { force: false })
    .cd(project)
    .withArguments(features)
    .withOptions({ skipInstall: true });

export const readProjectFile = (project: string, file: string): string => readFileSync(join(project, file), 'utf8');

/** The answers `.yo-rc.json` stores for later runs. */
export const storedAnswers = (project: string) => JSON.parse(readProjectFile(project, '.yo-rc.json'))['generator-bulwark'];

/** Every file of the project with its text. */
export const projectSnapshot = (project: string): Map<string, string> =>
  new Map(
    listTree(project)
      .filter((file) => !file.endsWith('/'))
      .map((file) => [file, readProjectFile(project, file)]),
  );
