import { describe, expect, it } from 'vitest';
import { applyFeature, resolvePlan, templateData } from '../../lib/apply.js';
import { FEATURES, findFeature } from '../../lib/features/index.js';
import { buildSpec } from '../../lib/spec.js';
import { memoryWriter } from '../support/memory-writer.js';

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

describe('a feature added later', () => {
  // `bulwark add B` to a project made with A writes what `bulwark new --features A,B` writes: no
  // template of A may depend on whether B is there when A is rendered, unless B's insertions
  // make up for it. Insertions land in the order features are applied, so a file changed by
  // insertions is compared line by line, in any order.
  const sameLines = (a: string, b: string) => a.split('\n').sort().join('\n') === b.split('\n').sort().join('\n');
  for (const framework of ['django', 'flask'] as const) {
    const ids = FEATURES.filter((feature) => feature.secrets === undefined && (feature.frameworks as readonly string[]).includes(framework)).map(
      (feature) => feature.id,
    );
    const pairs = ids.flatMap((first) => ids.filter((second) => second !== first).map((second) => [first, second] as const));
    it.each(pairs)(`${framework}: %s, then %s, is the same project as both at once`, (first, second) => {
      const both = { name: 'demo-api', framework, auth: 'jwt', secrets: 'env' } as const;
      const allowed = (features: string[]) =>
        features.every((id) => {
          const feature = findFeature(id)!;
          return (feature.requires ?? []).every((other) => features.includes(other)) && !(feature.conflicts ?? []).some((other) => features.includes(other));
        });
      if (!allowed([first]) || !allowed([first, second])) return;
      const atOnceSpec = buildSpec({ ...both, features: [first, second] });
      const atOnce = memoryWriter();
      for (const feature of resolvePlan(atOnceSpec)) applyFeature(atOnce, feature, atOnceSpec, templateData(atOnceSpec, '0.0.0-test'));
      const firstSpec = buildSpec({ ...both, features: [first] });
      const later = memoryWriter();
      for (const feature of resolvePlan(firstSpec)) applyFeature(later, feature, firstSpec, templateData(firstSpec, '0.0.0-test'));
      const addedSpec = { ...firstSpec, features: [first, second] };
      applyFeature(later, findFeature(second)!, addedSpec, templateData(addedSpec, '0.0.0-test'));
      expect([...later.files.keys()].sort()).toEqual([...atOnce.files.keys()].sort());
      for (const [path, text] of atOnce.files) {
        const other = later.files.get(path)!;
        if (other !== text) expect(sameLines(other, text), `${path} differs:\n--- added later\n${other}\n--- at once\n${text}`).toBe(true);
      }
    });
  }
});
