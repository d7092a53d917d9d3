import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import ResourceGenerator from '../../generators/resource/index.js';
import { applyFeature, resolvePlan, templateData } from '../../lib/apply.js';
import { generatorPath } from '../../lib/paths.js';
import { buildSpec } from '../../lib/spec.js';
import { addFeatures, createProject, projectSnapshot, readProjectFile, storedAnswers } from '../support/generators.js';
import { memoryWriter } from '../support/memory-writer.js';

/**
 * The catalog's Alembic revision in a Flask project revises the project's one head when the
 * catalog is applied: with `bulwark new` the JWT unit's or the base's, with `bulwark add catalog`
 * after resources the last resource's, so `flask db upgrade` always finds one head.
 */

const createFlask = (features: string, auth = 'jwt') => createProject({ framework: 'flask', auth, features }, 'bulwark-catalog-heads-');

const resource = (project: string, name: string, fields: string) =>
  helpers
    .run<ResourceGenerator>(ResourceGenerator, { resolved: generatorPath('resource'), namespace: 'bulwark:resource' }, { force: false })
    .cd(project)
    .withArguments([name])
    .withOptions({ skipInstall: true, fields });

/** revision -> down_revision (parents, none for the root) of every file in migrations/versions. */
function revisions(project: string): Map<string, string[]> {
  const folder = join(project, 'migrations/versions');
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.py'))) {
    const text = readFileSync(join(folder, file), 'utf8');
    const revision = /^revision = "([^"]+)"$/m.exec(text)?.[1];
    const down = /^down_revision = (.+)$/m.exec(text)?.[1];
    expect(revision, `${file} names its revision`).toBeDefined();
    expect(down, `${file} names its down_revision`).toBeDefined();
    graph.set(revision!, [...down!.matchAll(/"([^"]+)"/g)].map((match) => match[1]!));
  }
  return graph;
}

/** The revisions no other revision revises. */
const heads = (graph: Map<string, string[]>): string[] => {
  const parents = new Set([...graph.values()].flat());
  return [...graph.keys()].filter((revision) => !parents.has(revision)).sort();
};

describe('the catalog revision in a Flask project (bulwark add catalog)', () => {
  it('revises the head a resource left, keeping one head, and a second add changes nothing', async () => {
    const project = await createFlask('openapi');
    await resource(project, 'Review', 'body:text,rating:int');
    expect(revisions(project).get('reviews_0001')).toEqual(['auth_jwt_0001']);

    await addFeatures(project, ['catalog']);
    const graph = revisions(project);
    expect(graph.get('catalog_0001')).toEqual(['reviews_0001']);
    expect(heads(graph)).toEqual(['catalog_0001']);
    expect(readProjectFile(project, 'migrations/versions/0010_catalog.py')).toMatch(/^Revises: reviews_0001$/m);
    expect(storedAnswers(project).features).toContain('catalog');

    const before = projectSnapshot(project);
    const again = await addFeatures(project, ['catalog']);
    expect(projectSnapshot(project)).toEqual(before);
    expect(again.askedQuestions).toEqual([]);

    // The next resource follows the catalog: still one head.
    await resource(project, 'Shelf', 'name:str,book:fk:Book');
    expect(heads(revisions(project))).toEqual(['shelves_0001']);
    expect(revisions(project).get('shelves_0001')).toEqual(['catalog_0001']);
  });

  it('revises the base when there is neither a JWT revision nor a resource', async () => {
    const project = await createFlask('', 'session');
    await addFeatures(project, ['catalog']);
    expect(revisions(project).get('catalog_0001')).toEqual(['0002']);
    expect(heads(revisions(project))).toEqual(['catalog_0001']);
  });

  it('refuses a project with two heads and writes nothing, the features added with it included', async () => {
    const project = await createFlask('openapi');
    writeFileSync(join(project, 'migrations/versions/9999_other.py'), 'revision = "other"\ndown_revision = "0002"\n');
    const before = projectSnapshot(project);
    await expect(addFeatures(project, ['docker', 'catalog'])).rejects.toThrow(
      /Cannot add the catalog: migrations\/versions has 2 head revisions \(auth_jwt_0001, other\).*flask db merge heads/,
    );
    expect(projectSnapshot(project)).toEqual(before);
  });
});

describe('the catalog revision with bulwark new', () => {
  it('follows the JWT unit, or the base without it, as it always has', async () => {
    for (const [auth, parent] of [['jwt', 'auth_jwt_0001'], ['session', '0002'], ['oidc', '0002']] as const) {
      const project = await createFlask('catalog', auth);
      const graph = revisions(project);
      expect(graph.get('catalog_0001'), auth).toEqual([parent]);
      expect(heads(graph), auth).toEqual(['catalog_0001']);
    }
  });

  it('renders the same revision when the catalog is applied again over the project', () => {
    const writer = memoryWriter();
    const { files } = writer;
    const spec = buildSpec({ name: 'demo-api', framework: 'flask', auth: 'jwt', secrets: 'env', features: ['catalog'] });
    const data = templateData(spec, '0.0.0-test');
    const plan = resolvePlan(spec);
    for (const feature of plan) applyFeature(writer, feature, spec, data);
    const first = new Map(files);
    expect(first.get('migrations/versions/0010_catalog.py')).toMatch(/^down_revision = "auth_jwt_0001"$/m);
    applyFeature(writer, plan.find((feature) => feature.id === 'catalog')!, spec, data);
    expect(files).toEqual(first);
  });
});
