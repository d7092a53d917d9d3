import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ejs from 'ejs';
import { describe, expect, it } from 'vitest';
import { applyFeature, type ProjectWriter, resolvePlan, templateData } from '../../lib/apply.js';
import { findFeature } from '../../lib/features/index.js';
import { templatesRoot } from '../../lib/paths.js';
import { buildSpec } from '../../lib/spec.js';

/** A ProjectWriter over a Map. */
function memoryWriter(): ProjectWriter & { files: Map<string, string> } {
  const files = new Map<string, string>();
  const writer = {
    files,
    put(path: string, content: string) {
      files.set(path, content);
    },
    renderTemplate(source: string, destination: string, data: object) {
      writer.put(destination, ejs.render(readFileSync(join(templatesRoot, source), 'utf8'), data));
    },
    copyTemplate(source: string, destination: string) {
      writer.put(destination, readFileSync(join(templatesRoot, source), 'utf8'));
    },
    readDestination: (path: string) => files.get(path),
    writeDestination: (path: string, content: string) => writer.put(path, content),
  };
  return writer;
}

const spec = buildSpec({ name: 'demo-api', framework: 'django', auth: 'jwt', secrets: 'env', features: ['docker', 'github-actions'] });
const data = templateData(spec, '0.0.0-test');

describe('applyFeature', () => {
  it('applies the base first, then the chosen features in registry order', () => {
    expect(resolvePlan(spec).map((feature) => feature.id)).toEqual(['base', 'auth-jwt', 'docker', 'github-actions']);
  });

  it('changes nothing when a feature is applied a second time', () => {
    const writer = memoryWriter();
    for (const feature of resolvePlan(spec)) applyFeature(writer, feature, spec, data);
    const before = new Map(writer.files);
    for (const id of spec.features) applyFeature(writer, findFeature(id)!, spec, data);
    expect(writer.files).toEqual(before);
  });
});
