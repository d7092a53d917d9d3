import { describe, expect, it } from 'vitest';
import type { ChoiceQuestion } from '../../lib/choices.js';
import type { Feature } from '../../lib/features/index.js';
import { resolveFeatures } from '../../lib/spec.js';
import { allowedPairs, type Model, optionModel, pairsOf, pairwiseCover, pairwiseOptionRows } from '../support/pairwise.js';

/** Every valid full assignment, by brute force: the reference the cover is checked against. */
function everyValidAssignment(model: Model): Map<string, string>[] {
  let partials: Map<string, string>[] = [new Map()];
  for (const parameter of model.parameters) {
    partials = partials.flatMap((partial) =>
      parameter.values.map((value) => new Map([...partial, [parameter.name, value]])).filter((next) => model.allows(next)),
    );
  }
  return partials;
}

function expectCovering(model: Model): Map<string, string>[] {
  const rows = pairwiseCover(model);
  for (const row of rows) {
    expect(row.size).toBe(model.parameters.length);
    expect(model.allows(row)).toBe(true);
  }
  // The allowed pairs are exactly those some valid assignment holds, and the rows hold them all.
  const reference = new Set(everyValidAssignment(model).flatMap((assignment) => pairsOf(model, assignment)));
  expect(allowedPairs(model)).toEqual(reference);
  const covered = new Set(rows.flatMap((row) => pairsOf(model, row)));
  for (const pair of reference) expect(covered, pair.replace('\u0000', ' & ')).toContain(pair);
  return rows;
}

const question = (key: ChoiceQuestion['key'], values: string[], unavailable: string[] = []): ChoiceQuestion => ({
  key,
  message: key,
  description: key,
  default: values[0]!,
  choices: values.map((value) => ({ value, title: value, ...(unavailable.includes(value) ? { unavailable: 'not built' } : {}) })),
});

const feature = (id: string, extra: Partial<Feature> = {}): Feature => ({
  id,
  title: id,
  description: id,
  frameworks: ['django', 'flask'],
  default: false,
  ...extra,
});

describe('the pairwise option matrix', () => {
  it('covers every allowed pair of the current registry and choices with valid rows', () => {
    const rows = expectCovering(optionModel());
    const full = everyValidAssignment(optionModel()).length;
    expect(rows.length).toBeLessThan(full);
  });

  it('gives rows the generator accepts as they are (requires already in, no conflicts)', () => {
    for (const row of pairwiseOptionRows()) {
      expect(resolveFeatures(row.features, row.framework as 'django' | 'flask')).toEqual(row.features);
    }
  });

  it('respects frameworks, requires, conflicts and unbuilt choices of features added later', () => {
    const sources = {
      questions: [
        question('framework', ['django', 'flask']),
        question('auth', ['jwt', 'session', 'oidc']),
        question('secrets', ['env', 'vault', 'aws'], ['aws']),
      ],
      authFrameworks: { jwt: ['django', 'flask'], session: ['django', 'flask'], oidc: ['django'] },
      features: [
        feature('docker'),
        feature('prometheus', { frameworks: ['django'] }),
        feature('sentry', { requires: ['docker'] }),
        feature('celery', { conflicts: ['rq'] }),
        feature('rq', { frameworks: ['flask'], conflicts: ['celery'] }),
        feature('grafana', { requires: ['prometheus'] }),
        // A --secrets answer, not a --features entry: on exactly with --secrets vault, django only here.
        feature('vault', { frameworks: ['django'], ...({ secrets: 'vault' } as Partial<Feature>) }),
        feature('vault-audit', { requires: ['vault'] }),
      ],
    };
    const model = optionModel(sources);
    const rows = expectCovering(model);
    const options = pairwiseOptionRows(sources);
    expect(options).toHaveLength(rows.length);
    expect(options.some((row) => row.secrets === 'aws')).toBe(false);
    expect(options.some((row) => row.framework === 'flask' && row.auth === 'oidc')).toBe(false);
    expect(options.some((row) => row.framework === 'flask' && row.features.includes('prometheus'))).toBe(false);
    // grafana needs prometheus, which is django-only: grafana never appears with flask.
    expect(options.some((row) => row.framework === 'flask' && row.features.includes('grafana'))).toBe(false);
    expect(options.some((row) => row.features.includes('grafana'))).toBe(true);
    expect(options.some((row) => row.features.includes('sentry') && !row.features.includes('docker'))).toBe(false);
    expect(options.some((row) => row.features.includes('celery') && row.features.includes('rq'))).toBe(false);
    expect(options.some((row) => row.framework === 'django' && row.secrets === 'vault' && row.features.includes('prometheus'))).toBe(true);
    expect(options.some((row) => row.framework === 'flask' && row.secrets === 'vault')).toBe(false);
    expect(options.some((row) => row.features.includes('vault'))).toBe(false);
    expect(options.some((row) => row.features.includes('vault-audit') && row.secrets !== 'vault')).toBe(false);
    expect(options.some((row) => row.features.includes('vault-audit'))).toBe(true);
  });

  it('is deterministic', () => {
    expect(pairwiseOptionRows()).toEqual(pairwiseOptionRows());
  });
});
