import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../lib/features/types.js';
import { secretsQuestion } from '../../lib/choices.js';
import { buildSpec, checkAnswers, checkChoice, loadPreset, mergeAnswers, parseFeatureList, readStoredAnswers, resolveFeatures } from '../../lib/spec.js';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'bulwark-spec-'));
const writeJson = (dir: string, name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

const complete = { name: 'my-api', framework: 'django', auth: 'jwt', secrets: 'env', features: ['github-actions', 'docker'] };

describe('buildSpec', () => {
  it('builds a normalised spec: package name derived, features in registry order', () => {
    expect(buildSpec(complete)).toEqual({
      name: 'my-api',
      packageName: 'my_api',
      framework: 'django',
      auth: 'jwt',
      secrets: 'env',
      features: ['docker', 'github-actions'],
    });
  });

  it.each([
    [{ framework: 'rails' }, /Unknown framework "rails"\. Pass --framework with one of: django, flask\./],
    [{ auth: 'basic' }, /Unknown auth "basic"\. Pass --auth with one of: jwt, session, oidc\./],
    [{ secrets: 'gcp' }, /Unknown secrets "gcp"\. Pass --secrets with one of: env, vault, aws\./],
    [{ features: ['docker', 'kafka'] }, /Unknown feature "kafka"\. Known features: docker, github-actions\b/],
    [{ name: 'class' }, /Python keyword/],
  ])('refuses %j', (override, message) => {
    expect(() => buildSpec({ ...complete, ...override })).toThrow(message);
  });

  it('refuses choices that are declared but not built yet, saying what to use', () => {
    const question = { ...secretsQuestion, choices: [{ value: 'kms', title: 'KMS', unavailable: 'Not built yet; use --secrets env.' }] };
    expect(() => checkChoice(question, 'kms')).toThrow(/use --secrets env/);
  });

  it.each(['vault', 'aws'])('puts the %s feature in the plan for --secrets %s', (store) => {
    const spec = buildSpec({ ...complete, secrets: store });
    expect(spec.secrets).toBe(store);
    expect(spec.features).toEqual(['docker', 'github-actions', store]);
  });

  it('takes the secrets answer from a secret-store feature in the list', () => {
    expect(buildSpec({ ...complete, features: ['vault'] })).toMatchObject({ secrets: 'vault', features: ['vault'] });
  });

  it('refuses two secret stores, whichever way they are named', () => {
    const message = /Secrets come from vault \(--secrets vault\) and "aws" is another secret store/;
    expect(() => buildSpec({ ...complete, secrets: 'vault', features: ['aws'] })).toThrow(message);
    expect(() => buildSpec({ ...complete, features: ['vault', 'aws'] })).toThrow(/is another secret store/);
    expect(() => checkAnswers({ secrets: 'aws', features: ['vault'] })).toThrow(/Secrets come from aws/);
  });

  it.each(['jwt', 'session', 'oidc'])('accepts --auth %s for both frameworks', (auth) => {
    for (const framework of ['django', 'flask']) {
      expect(buildSpec({ ...complete, framework, auth, features: [] })).toMatchObject({ framework, auth });
    }
  });

  it('accepts no feature at all', () => {
    expect(buildSpec({ ...complete, features: [] }).features).toEqual([]);
  });
});

describe('resolveFeatures', () => {
  const feature = (id: string, extra: Partial<Feature> = {}): Feature => ({
    id,
    title: id,
    description: id,
    frameworks: ['django', 'flask'],
    default: false,
    ...extra,
  });
  const registry = [
    feature('rate-limit'),
    feature('lockout', { requires: ['rate-limit'] }),
    feature('vault', { conflicts: ['aws'] }),
    feature('aws', { conflicts: ['vault'] }),
    feature('admin-ui', { frameworks: ['django'] }),
  ];

  it('adds what a feature requires', () => {
    expect(resolveFeatures(['lockout'], 'django', registry)).toEqual(['rate-limit', 'lockout']);
  });

  it('refuses features that conflict, naming both', () => {
    expect(() => resolveFeatures(['aws', 'vault'], 'django', registry)).toThrow(/"vault" and "aws" conflict|"aws" and "vault" conflict/);
  });

  it('refuses a feature the framework does not support', () => {
    expect(() => resolveFeatures(['admin-ui'], 'flask', registry)).toThrow(/"admin-ui" is not available for flask; it supports django/);
  });

  it('names the feature that required an unknown one', () => {
    const broken = [feature('a', { requires: ['ghost'] })];
    expect(() => resolveFeatures(['a'], 'django', broken)).toThrow(/Unknown feature "ghost" \(required by "a"\)/);
  });

  it('ignores duplicates', () => {
    expect(resolveFeatures(['rate-limit', 'rate-limit'], 'django', registry)).toEqual(['rate-limit']);
  });
});

describe('answer sources', () => {
  it('lets later sources win without erasing earlier values with undefined', () => {
    const stored = { framework: 'django', auth: 'session', features: ['docker'] };
    const preset = { auth: 'oidc', secrets: 'env' };
    const flags = { auth: 'jwt', secrets: undefined };
    expect(mergeAnswers(stored, preset, flags)).toEqual({ framework: 'django', auth: 'jwt', secrets: 'env', features: ['docker'] });
  });

  it('parses a feature list flag', () => {
    expect(parseFeatureList('docker, github-actions')).toEqual(['docker', 'github-actions']);
    expect(parseFeatureList('')).toEqual([]);
  });

  it('checks partial answers before any question is asked', () => {
    expect(() => checkAnswers({ auth: 'basic' })).toThrow(/Unknown auth/);
    expect(() => checkAnswers({ features: ['nope'] })).toThrow(/Unknown feature "nope"/);
    expect(() => checkAnswers({})).not.toThrow();
  });
});

describe('loadPreset', () => {
  it('reads a valid preset', () => {
    const file = writeJson(scratch(), 'team.json', '{"framework": "django", "auth": "jwt", "features": ["docker"]}');
    expect(loadPreset(file)).toEqual({ framework: 'django', auth: 'jwt', features: ['docker'] });
  });

  it('refuses a file that is not JSON', () => {
    const file = writeJson(scratch(), 'team.json', '{"framework": ');
    expect(() => loadPreset(file)).toThrow(/team\.json is not valid JSON/);
  });

  it('refuses an unknown key, naming it', () => {
    const file = writeJson(scratch(), 'team.json', '{"framework": "django", "databse": "postgres"}');
    expect(() => loadPreset(file)).toThrow(/unknown key "databse"\. Allowed keys: framework, auth, secrets, features\./);
  });

  it('refuses a name: presets are shared by many projects', () => {
    const file = writeJson(scratch(), 'team.json', '{"name": "x"}');
    expect(() => loadPreset(file)).toThrow(/unknown key "name"/);
  });

  it('refuses wrong types', () => {
    const dir = scratch();
    expect(() => loadPreset(writeJson(dir, 'a.json', '["django"]'))).toThrow(/must be a JSON object/);
    expect(() => loadPreset(writeJson(dir, 'b.json', '{"features": "docker"}'))).toThrow(/"features" must be a list/);
    expect(() => loadPreset(writeJson(dir, 'c.json', '{"auth": 1}'))).toThrow(/"auth" must be a string/);
  });

  it('refuses a missing file', () => {
    expect(() => loadPreset(join(scratch(), 'missing.json'))).toThrow(/cannot be read\. Check the path given to --preset/);
  });
});

describe('readStoredAnswers', () => {
  it('reads the answers of an earlier run and ignores bookkeeping keys', () => {
    const dir = scratch();
    writeJson(dir, '.yo-rc.json', JSON.stringify({ 'generator-bulwark': { framework: 'django', auth: 'jwt', packageName: 'x', generatorVersion: '0.1.0' } }));
    expect(readStoredAnswers(dir)).toEqual({ framework: 'django', auth: 'jwt' });
  });

  it('returns nothing when there is no earlier run', () => {
    expect(readStoredAnswers(scratch())).toEqual({});
  });

  it('refuses a corrupt .yo-rc.json', () => {
    const dir = scratch();
    writeJson(dir, '.yo-rc.json', '{');
    expect(() => readStoredAnswers(dir)).toThrow(/\.yo-rc\.json is not valid JSON/);
  });
});
