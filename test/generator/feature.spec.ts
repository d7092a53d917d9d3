import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import FeatureGenerator from '../../generators/feature/index.js';
import { generatorPath } from '../../lib/paths.js';
import { addFeatures, createProject, projectSnapshot, readProjectFile } from '../support/generators.js';

const create = (features: string) => createProject({ features }, 'bulwark-feature-');
const add = addFeatures;
const read = readProjectFile;
const snapshotOf = projectSnapshot;

describe('bulwark:feature (bulwark add)', () => {
  it('adds a feature to an existing project and records it', async () => {
    const project = await create('github-actions');
    await add(project, ['docker']);
    expect(read(project, 'Dockerfile')).toMatch(/FROM python/);
    expect(read(project, 'README.md')).toMatch(/\*\*Docker\*\*/);
    expect(JSON.parse(read(project, '.yo-rc.json'))['generator-bulwark'].features).toEqual(['docker', 'github-actions']);
  });

  it('changes no file when the same feature is added again', async () => {
    const project = await create('');
    await add(project, ['docker']);
    const before = snapshotOf(project);
    const again = await add(project, ['docker']);
    expect(snapshotOf(project)).toEqual(before);
    expect(again.askedQuestions).toEqual([]);
  });

  it('keeps the user\'s edits in files it adds to, without asking', async () => {
    const project = await create('');
    const readme = join(project, 'README.md');
    writeFileSync(readme, read(project, 'README.md').replace(/^# .*$/m, '$&\n\nOur team notes: keep this line.'));
    const result = await add(project, ['docker']);
    const updated = read(project, 'README.md');
    expect(updated).toContain('Our team notes: keep this line.');
    expect(updated).toMatch(/\*\*Docker\*\*/);
    expect(result.askedQuestions).toEqual([]);
  });

  it('gives the same project as choosing the features at creation', async () => {
    const later = await create('');
    await add(later, ['github-actions']);
    await add(later, ['docker']);
    const atOnce = await create('docker,github-actions');
    const lateFiles = snapshotOf(later);
    const onceFiles = snapshotOf(atOnce);
    expect([...lateFiles.keys()]).toEqual([...onceFiles.keys()]);
    for (const [file, content] of onceFiles) {
      if (file === 'README.md') continue; // feature lines come in the order they were added
      if (file === '.yo-rc.json') {
        expect(JSON.parse(lateFiles.get(file)!)).toEqual(JSON.parse(content));
        continue;
      }
      expect(lateFiles.get(file), file).toBe(content);
    }
  });

  it('refuses an unknown feature and writes nothing', async () => {
    const project = await create('');
    const before = snapshotOf(project);
    await expect(add(project, ['kafka'])).rejects.toThrow(/Unknown feature "kafka"/);
    expect(snapshotOf(project)).toEqual(before);
  });

  it('refuses to run outside a Bulwark project', async () => {
    await expect(
      helpers.run<FeatureGenerator>(FeatureGenerator, { resolved: generatorPath('feature'), namespace: 'bulwark:feature' }).withArguments(['docker']),
    ).rejects.toThrow(/is not a Bulwark project/);
  });
});
