import { describe, expect, it } from 'vitest';
import { featuresQuestion } from '../../generators/app/prompts.js';
import { resolvePlan } from '../../lib/apply.js';
import { AUTH_UNITS } from '../../lib/features/auth.js';
import { buildSpec } from '../../lib/spec.js';
import { listTree } from '../support/cli.js';
import { addFeatures, createProject, projectSnapshot, readProjectFile, storedAnswers } from '../support/generators.js';

const create = (options: Record<string, unknown>) => createProject(options, 'bulwark-secrets-');
const add = addFeatures;
const read = readProjectFile;
const stored = storedAnswers;
const snapshotOf = projectSnapshot;

const STORES = {
  vault: { module: 'secrets_vault.py', test: 'test_secrets_vault.py', dependency: '"hvac>=2.3,<3",', source: 'vault_source(env)' },
  aws: { module: 'secrets_aws.py', test: 'test_secrets_aws.py', dependency: '"boto3>=1.35,<2",', source: 'aws_secrets_source(env)' },
} as const;

describe('--secrets vault|aws', () => {
  it.each(['vault', 'aws'] as const)('puts the %s feature in the plan', (store) => {
    const spec = buildSpec({ name: 'demo-api', framework: 'flask', auth: 'jwt', secrets: store, features: ['docker'] });
    expect(resolvePlan(spec).map((feature) => feature.id)).toEqual(['base', AUTH_UNITS.jwt.id, 'docker', store]);
    expect(spec.secrets).toBe(store);
  });

  it.each([
    ['django', 'vault'],
    ['flask', 'aws'],
  ] as const)('writes the %s project with the %s source wired into the loader', async (framework, store) => {
    const project = await create({ framework, secrets: store });
    const { module, test, dependency, source } = STORES[store];
    expect(read(project, `demo_api/${module}`)).toMatch(/class \w+Source\(CachedStore\)/);
    expect(read(project, `tests/security/${test}`)).toContain('from demo_api.secrets_loader import');
    expect(read(project, 'pyproject.toml')).toContain(dependency);
    const loader = read(project, 'demo_api/secrets_loader.py');
    expect(loader).toContain(source);
    // The store comes after the environment, the files and .env, and the needle stays for later.
    expect(loader.indexOf(source)).toBeGreaterThan(loader.indexOf('sources.append(DotenvSource(dotenv_path))'));
    expect(loader).toContain('# bulwark-needle-secret-sources');
    expect(stored(project)).toMatchObject({ framework, secrets: store, features: expect.arrayContaining([store]) });
    if (store === 'aws') expect(read(project, 'pyproject.toml')).toMatch(/dev = \[[^\]]*"moto\[server\]>=5\.1,<6",/s);
    expect(read(project, '.env.example')).toContain(store === 'vault' ? '# VAULT_ADDR=' : '# AWS_SECRET_ID=');
    expect(read(project, 'README.md')).toContain(store === 'vault' ? '**Vault secrets**' : '**AWS Secrets Manager secrets**');
  });

  it('leaves both stores out of a --secrets env project', async () => {
    const project = await create({ framework: 'flask' });
    const files = listTree(project);
    expect(files.some((file) => /secrets_(vault|aws)/.test(file))).toBe(false);
    expect(read(project, 'demo_api/secrets_loader.py')).not.toMatch(/vault|aws_secrets/);
    expect(stored(project).secrets).toBe('env');
  });

  it('refuses --secrets vault with the aws feature, writing nothing', async () => {
    await expect(create({ secrets: 'vault', features: 'aws' })).rejects.toThrow(
      /Secrets come from vault \(--secrets vault\) and "aws" is another secret store/,
    );
  });

  it('does not offer the stores in the features question: the secrets question chooses them', () => {
    const offered = featuresQuestion('django').choices.map((choice) => choice.value);
    expect(offered).not.toContain('vault');
    expect(offered).not.toContain('aws');
  });
});

describe('bulwark add vault|aws', () => {
  it('adds vault to a --secrets env project, records secrets: vault, and a second add changes nothing', async () => {
    const project = await create({ framework: 'flask', secrets: 'env' });
    await add(project, ['vault']);
    expect(stored(project)).toMatchObject({ secrets: 'vault', features: expect.arrayContaining(['vault']) });
    expect(read(project, 'demo_api/secrets_loader.py')).toContain('vault_source(env)');
    const before = snapshotOf(project);
    const again = await add(project, ['vault']);
    expect(snapshotOf(project)).toEqual(before);
    expect(again.askedQuestions).toEqual([]);
  });

  it('gives the same project as --secrets vault at creation', async () => {
    const later = await create({ framework: 'django' });
    await add(later, ['vault']);
    const atOnce = await create({ framework: 'django', secrets: 'vault' });
    const lateFiles = snapshotOf(later);
    const onceFiles = snapshotOf(atOnce);
    expect([...lateFiles.keys()]).toEqual([...onceFiles.keys()]);
    for (const [file, content] of onceFiles) {
      if (file === 'README.md') continue; // the same lines; a later line goes just above the needle
      if (file === '.yo-rc.json') expect(JSON.parse(lateFiles.get(file)!)).toEqual(JSON.parse(content));
      else expect(lateFiles.get(file), file).toBe(content);
    }
  });

  it('refuses aws on a vault project and writes nothing', async () => {
    const project = await create({ framework: 'flask', secrets: 'vault' });
    const before = snapshotOf(project);
    await expect(add(project, ['aws'])).rejects.toThrow(/Secrets come from vault \(--secrets vault\) and "aws" is another secret store/);
    expect(snapshotOf(project)).toEqual(before);
  });
});
