import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import AppGenerator, { type AppOptions } from '../../generators/app/index.js';
import { defaultFeatureIds } from '../../lib/features/index.js';
import { generatorPath } from '../../lib/paths.js';

const runApp = () => helpers.run<AppGenerator>(AppGenerator, { resolved: generatorPath('app'), namespace: 'bulwark:app' });

/** The files the run wrote under the project folder, relative to it, sorted. */
const projectFiles = (snapshot: Record<string, unknown>, cwd: string, project: string): string[] =>
  Object.keys(snapshot)
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => file.startsWith(`${project}/`))
    .map((file) => file.slice(project.length + 1))
    .sort();

const defaults: Partial<AppOptions> = { defaults: true, skipGit: true, skipInstall: true };

describe('bulwark:app', () => {
  it('writes the default Django project into a folder named after it', async () => {
    const result = await runApp().withArguments(['demo-api']).withOptions(defaults);
    const files = projectFiles(result.getSnapshot(), result.cwd, 'demo-api');
    expect(files).toMatchSnapshot();
    expect(files).toContain('demo_api/settings/production.py');
    expect(files).toContain('Dockerfile');
    expect(files).toContain('.github/workflows/ci.yml');
  });

  it.each(['session', 'oidc'] as const)('writes the files and settings of --auth %s instead of JWT', async (auth) => {
    const result = await runApp().withArguments(['demo-api']).withOptions({ ...defaults, auth });
    const files = projectFiles(result.getSnapshot(), result.cwd, 'demo-api');
    expect(files.filter((file) => file.includes('auth'))).toMatchSnapshot();
    expect(files.some((file) => file.includes('auth_jwt'))).toBe(false);
    result.assertFileContent('demo-api/demo_api/settings/base.py', `"demo_api.auth_${auth}",`);
    result.assertFileContent('demo-api/demo_api/urls.py', /path\("api\/v1\/auth\/", include\(accounts_urls\)\)/);
    result.assertNoFileContent('demo-api/Makefile', /JWT_SIGNING_KEY/);
    result.assertNoFileContent('demo-api/tests/conftest.py', /JWT_SIGNING_KEY/);
    if (auth === 'oidc') {
      result.assertFileContent('demo-api/pyproject.toml', /"pyjwt\[crypto\]>=2\.10,<3"/);
      result.assertFileContent('demo-api/Makefile', /OIDC_ISSUER=\S+ OIDC_AUDIENCE=\S+ OIDC_JWKS_URL=\S+/);
      result.assertFileContent('demo-api/demo_api/settings/production.py', 'env.require("OIDC_JWKS_URL")');
      result.assertNoFileContent('demo-api/demo_api/urls.py', /auth_oidc/);
    } else {
      result.assertFileContent('demo-api/demo_api/urls.py', 'include("demo_api.auth_session.urls")');
      result.assertFileContent('demo-api/tests/security/test_url_map.py', '"/api/v1/auth/login/",');
      result.assertNoFileContent('demo-api/pyproject.toml', /simplejwt/);
    }
  });

  it('stores the answers in .yo-rc.json for later runs', async () => {
    const result = await runApp().withArguments(['demo-api']).withOptions(defaults);
    const stored = JSON.parse(readFileSync(join(result.cwd, 'demo-api', '.yo-rc.json'), 'utf8'));
    expect(stored).toEqual({
      'generator-bulwark': {
        name: 'demo-api',
        packageName: 'demo_api',
        framework: 'django',
        auth: 'jwt',
        secrets: 'env',
        features: defaultFeatureIds(),
        generatorVersion: expect.stringMatching(/^\d+\.\d+\.\d+/),
      },
    });
  });

  it('uses the package name in paths and code', async () => {
    const result = await runApp().withArguments(['shop']).withOptions(defaults);
    result.assertFile(['shop/shop/settings/base.py', 'shop/manage.py']);
    result.assertFileContent('shop/pyproject.toml', /name = "shop"/);
    result.assertNoFileContent('shop/shop/settings/base.py', /demo/);
  });

  it('leaves a feature out when it is not chosen, and its README line with it', async () => {
    const result = await runApp().withArguments(['demo-api']).withOptions({ ...defaults, features: 'github-actions' });
    result.assertNoFile(['demo-api/Dockerfile', 'demo-api/compose.yaml']);
    result.assertFile('demo-api/.github/workflows/ci.yml');
    result.assertNoFileContent('demo-api/README.md', /docker compose/);
    result.assertFileContent('demo-api/README.md', /\*\*CI\*\*/);
  });

  it('asks every question when nothing is given, in order', async () => {
    const result = await runApp()
      .withOptions({ skipGit: true, skipInstall: true, interactive: true })
      .withAnswers({ name: 'asked-api', framework: 'django', auth: 'jwt', secrets: 'env', features: ['docker'] });
    expect(result.askedQuestions.map((question) => question.name)).toEqual(['name', 'framework', 'auth', 'secrets', 'features']);
    result.assertFile('asked-api/Dockerfile');
    result.assertNoFile('asked-api/.github/workflows/ci.yml');
  });

  it('does not ask what a flag already answered', async () => {
    const result = await runApp()
      .withArguments(['flagged'])
      .withOptions({ skipGit: true, skipInstall: true, interactive: true, framework: 'django', features: '' })
      .withAnswers({ auth: 'jwt', secrets: 'env' });
    expect(result.askedQuestions.map((question) => question.name)).toEqual(['auth', 'secrets']);
  });
});

describe('answer precedence: flags over preset over stored answers', () => {
  const stored = { 'demo-api/.yo-rc.json': { 'generator-bulwark': { framework: 'django', features: ['docker'] } } };
  const preset = { 'team.json': JSON.stringify({ features: ['github-actions'] }) };
  const chosenFeatures = (cwd: string): string[] =>
    JSON.parse(readFileSync(join(cwd, 'demo-api', '.yo-rc.json'), 'utf8'))['generator-bulwark'].features;

  it('takes stored answers when nothing else is given', async () => {
    const result = await runApp()
      .withFiles(stored)
      .commitFiles()
      .withArguments(['demo-api'])
      .withOptions({ ...defaults, force: true });
    expect(chosenFeatures(result.cwd)).toEqual(['docker']);
  });

  it('lets a preset win over stored answers', async () => {
    const result = await runApp()
      .withFiles({ ...stored, ...preset })
      .commitFiles()
      .withArguments(['demo-api'])
      .withOptions({ ...defaults, force: true, preset: 'team.json' });
    expect(chosenFeatures(result.cwd)).toEqual(['github-actions']);
  });

  it('lets flags win over the preset', async () => {
    const result = await runApp()
      .withFiles({ ...stored, ...preset })
      .commitFiles()
      .withArguments(['demo-api'])
      .withOptions({ ...defaults, force: true, preset: 'team.json', features: '' });
    expect(chosenFeatures(result.cwd)).toEqual([]);
  });
});

describe('dependency audit (SEC-2)', () => {
  it('makes CI fail on a known vulnerability, every week too, and keeps dependencies current', async () => {
    const result = await runApp().withArguments(['demo-api']).withOptions(defaults);
    const workflow = readFileSync(join(result.cwd, 'demo-api', '.github/workflows/ci.yml'), 'utf8');
    expect(workflow).toMatch(/run: make audit/);
    expect(workflow).toMatch(/schedule:\n\s+- cron:/);
    expect(workflow).toMatch(/permissions:\n\s+contents: read/);
    const makefile = readFileSync(join(result.cwd, 'demo-api', 'Makefile'), 'utf8');
    expect(makefile).toMatch(/pip-audit --strict/);
    const dependabot = readFileSync(join(result.cwd, 'demo-api', '.github/dependabot.yml'), 'utf8');
    expect(dependabot).toMatch(/package-ecosystem: uv/);
    expect(dependabot).toMatch(/package-ecosystem: github-actions/);
    expect(dependabot).toMatch(/package-ecosystem: docker/);
  });
});

describe('compose.yaml (docker)', () => {
  // Production refuses to start without these (CFG-1): compose must pass them, and stop first,
  // naming the one that is missing, when the shell has none.
  const REQUIRED = { jwt: ['JWT_SIGNING_KEY'], session: [], oidc: ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL'] } as const;
  it.each(['django', 'flask'].flatMap((framework) => Object.keys(REQUIRED).map((auth) => [framework, auth] as const)))(
    '%s, --auth %s: passes what production requires, the proxy\'s forwarded headers and .env.production',
    async (framework, auth) => {
      const result = await runApp().withArguments(['demo-api']).withOptions({ ...defaults, framework, auth, features: 'docker' });
      const compose = readFileSync(join(result.cwd, 'demo-api', 'compose.yaml'), 'utf8');
      for (const name of ['SECRET_KEY', 'POSTGRES_PASSWORD', ...REQUIRED[auth as keyof typeof REQUIRED]]) {
        expect(compose).toContain(`\${${name}:?set ${name}}`);
      }
      for (const other of Object.values(REQUIRED).flat().filter((name) => !(REQUIRED[auth as keyof typeof REQUIRED] as readonly string[]).includes(name))) {
        expect(compose).not.toContain(other);
      }
      expect(compose).toContain('FORWARDED_ALLOW_IPS: ${FORWARDED_ALLOW_IPS:-*}');
      expect(compose).toMatch(/env_file:\n {4}- path: \.env\.production\n {6}required: false\n/);
      // Never in git or the image.
      expect(readFileSync(join(result.cwd, 'demo-api', '.gitignore'), 'utf8')).toMatch(/^\.env\.\*$/m);
      expect(readFileSync(join(result.cwd, 'demo-api', '.dockerignore'), 'utf8')).toMatch(/^\.env\.\*$/m);
    },
  );
});
