/**
 * Every combination of the built choices and features renders Python that compiles and passes
 * ruff (lint and format) under the project's own configuration. Cheap enough for the full
 * product; installing and testing each combination is left to a pairwise subset.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import AppGenerator from '../../generators/app/index.js';
import { type Auth, CHOICE_QUESTIONS } from '../../lib/choices.js';
import { AUTH_UNITS } from '../../lib/features/auth.js';
import { FEATURES } from '../../lib/features/index.js';
import { generatorPath } from '../../lib/paths.js';
import { scratchDir } from '../support/cli.js';
import { run } from '../support/processes.js';

type Combination = { framework: string; auth: string; secrets: string; features: string[] };

const available = (key: 'framework' | 'auth' | 'secrets') =>
  CHOICE_QUESTIONS.find((question) => question.key === key)!
    .choices.filter((choice) => choice.unavailable === undefined)
    .map((choice) => choice.value);

function* subsets<T>(items: readonly T[]): Generator<T[]> {
  for (let mask = 0; mask < 1 << items.length; mask += 1) yield items.filter((_, bit) => mask & (1 << bit));
}

function combinations(): Combination[] {
  const all: Combination[] = [];
  for (const framework of available('framework')) {
    const features = FEATURES.filter((feature) => (feature.frameworks as readonly string[]).includes(framework));
    for (const auth of available('auth').filter((id) => (AUTH_UNITS[id as Auth].frameworks as readonly string[]).includes(framework))) {
      for (const secrets of available('secrets')) {
        for (const chosen of subsets(features)) {
          const ids = new Set(chosen.map((feature) => feature.id));
          const consistent = chosen.every(
            (feature) => (feature.requires ?? []).every((id) => ids.has(id)) && !(feature.conflicts ?? []).some((id) => ids.has(id)),
          );
          if (consistent) all.push({ framework, auth, secrets, features: [...ids] });
        }
      }
    }
  }
  return all;
}

describe('the full option product', () => {
  it('renders Python that compiles and passes ruff check and ruff format, in every combination', async () => {
    const root = scratchDir('bulwark-matrix-');
    const projects: string[] = [];
    for (const [index, combination] of combinations().entries()) {
      const name = `combo-${index}`;
      await helpers
        .run<AppGenerator>(AppGenerator, { resolved: generatorPath('app'), namespace: 'bulwark:app' })
        .cd(root)
        .withArguments([name])
        .withOptions({ ...combination, features: combination.features.join(','), skipGit: true, skipInstall: true });
      projects.push(join(root, name));
    }
    expect(projects.length).toBeGreaterThanOrEqual(4);
    await run('python3', ['-m', 'compileall', '-q', ...projects]);
    // One ruff for all, the version the projects pin; each is linted under its own pyproject.toml.
    const pin = /"(ruff[^"]*)"/.exec(readFileSync(join(projects[0]!, 'pyproject.toml'), 'utf8'))?.[1];
    expect(pin).toBeDefined();
    const ruff = ['tool', 'run', '--from', pin!, 'ruff'];
    await run('uv', [...ruff, 'check', '--no-cache', ...projects]);
    await run('uv', [...ruff, 'format', '--check', '--no-cache', ...projects]);
    console.log(`${projects.length} combinations rendered, compiled and linted`);
  });
});
