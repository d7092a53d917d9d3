/**
 * The secret stores end to end: one project per framework, each with a store (Flask with Vault,
 * Django with AWS Secrets Manager), generated with the shipped CLI, installed, and run through
 * its own test suite, whose store tests talk real HTTP to a fake Vault and to moto's server on
 * loopback. No features besides the store, to keep the suites short.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../support/processes.js';
import { generateProject } from '../support/project.js';

const CASES = [
  { framework: 'flask', secrets: 'vault', test: 'tests/security/test_secrets_vault.py', dependency: /"hvac>=2\.3,<3"/ },
  { framework: 'django', secrets: 'aws', test: 'tests/security/test_secrets_aws.py', dependency: /"boto3>=1\.35,<2"/ },
] as const;

describe.each(CASES)('a $framework project with --secrets $secrets', ({ framework, secrets, test, dependency }) => {
  it('installs and passes its own test suite, the store tests included', async () => {
    const name = `${framework}-${secrets}`;
    const { dir } = await generateProject(name, ['--framework', framework, '--secrets', secrets, '--features', '', '--defaults', '--skip-git']);
    const stored = JSON.parse(readFileSync(join(dir, '.yo-rc.json'), 'utf8'))['generator-bulwark'];
    expect(stored).toMatchObject({ secrets, features: [secrets] });
    expect(readFileSync(join(dir, 'pyproject.toml'), 'utf8')).toMatch(dependency);
    // The store's tests are in the suite, and the suite passes without skipping them (make test
    // runs pytest with -ra, which lists every skip with its file).
    const collected = await run(join(dir, '.venv', 'bin', 'pytest'), ['--collect-only', '-q', test], { cwd: dir });
    expect(Number(/(\d+) tests? collected/.exec(collected.stdout)?.[1])).toBeGreaterThanOrEqual(15);
    const result = await run('make', ['test'], { cwd: dir, timeoutMs: 10 * 60_000 });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/\d+ passed/);
    expect(result.stdout).not.toMatch(/\d+ failed/);
    expect(result.stdout).not.toMatch(/SKIPPED.*test_secrets_/);
  });
});
