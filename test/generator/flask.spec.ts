import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import AppGenerator, { type AppOptions } from '../../generators/app/index.js';
import { defaultFeatureIds, FEATURES } from '../../lib/features/index.js';
import { generatorPath } from '../../lib/paths.js';

const runApp = () => helpers.run<AppGenerator>(AppGenerator, { resolved: generatorPath('app'), namespace: 'bulwark:app' });

const projectFiles = (snapshot: Record<string, unknown>, project: string): string[] =>
  Object.keys(snapshot)
    .map((file) => file.replaceAll('\\', '/'))
    .filter((file) => file.startsWith(`${project}/`))
    .map((file) => file.slice(project.length + 1))
    .sort();

const flask: Partial<AppOptions> = { framework: 'flask', defaults: true, skipGit: true, skipInstall: true };

const storedAnswers = (cwd: string, project: string) =>
  JSON.parse(readFileSync(join(cwd, project, '.yo-rc.json'), 'utf8'))['generator-bulwark'];

describe('bulwark:app --framework flask', () => {
  it('writes the Flask project: factory, extensions, security, errors, migrations, tests', async () => {
    const result = await runApp().withArguments(['flask-api']).withOptions(flask);
    const files = projectFiles(result.getSnapshot(), 'flask-api');
    expect(files).toMatchSnapshot();
    expect(files).not.toContain('manage.py');
    expect(files.filter((file) => file.includes('settings/'))).toEqual([]);
  });

  it('takes only the default features that support Flask', async () => {
    const result = await runApp().withArguments(['flask-api']).withOptions(flask);
    expect(storedAnswers(result.cwd, 'flask-api')).toMatchObject({ framework: 'flask', features: defaultFeatureIds('flask') });
    for (const id of defaultFeatureIds('flask')) {
      expect(FEATURES.find((feature) => feature.id === id)?.frameworks).toContain('flask');
    }
  });

  it('adds no Django dependency; writes JWT auth and its dependency with --auth jwt', async () => {
    const result = await runApp().withArguments(['flask-api']).withOptions({ ...flask, auth: 'jwt' });
    result.assertFileContent('flask-api/pyproject.toml', /"flask>=3\.1,<4"/);
    result.assertFileContent('flask-api/pyproject.toml', /"pyjwt>=2\.10,<3"/);
    result.assertFileContent('flask-api/pyproject.toml', /"flask-limiter\[redis\]>=4\.0,<5"/);
    result.assertFileContent('flask-api/pyproject.toml', /"flask-cors>=6\.0,<7"/);
    result.assertNoFileContent('flask-api/pyproject.toml', /django/i);
    result.assertFile('flask-api/flask_api/auth_jwt/__init__.py');
    result.assertFileContent('flask-api/flask_api/__init__.py', /init_auth_jwt\(app\)/);
    result.assertFileContent('flask-api/flask_api/config.py', /self\.JWT_SIGNING_KEY = env\.require\("JWT_SIGNING_KEY"\)/);
    result.assertFileContent('flask-api/tests/security/test_url_map.py', /"\/api\/v1\/auth\/token\/refresh\/",/);
  });

  it('with --auth oidc: a bearer authenticator on the JWKS, OIDC_* per environment, no auth endpoint or migration', async () => {
    const result = await runApp().withArguments(['flask-api']).withOptions({ ...flask, auth: 'oidc' });
    const files = projectFiles(result.getSnapshot(), 'flask-api');
    expect(files.filter((file) => file.includes('auth'))).toMatchSnapshot();
    result.assertNoFile(['flask-api/flask_api/auth_jwt/tokens.py', 'flask-api/flask_api/auth_session/sessions.py', 'flask-api/migrations/versions/0003_auth_jwt.py']);
    result.assertFileContent('flask-api/pyproject.toml', /"pyjwt\[crypto\]>=2\.10,<3"/);
    result.assertFileContent('flask-api/flask_api/__init__.py', /^ {4}init_auth_oidc\(app\)$/m);
    result.assertFileContent('flask-api/flask_api/config.py', /^ {4}OIDC_ALGORITHMS = \["RS256", "ES256"\]$/m);
    for (const name of ['OIDC_ISSUER', 'OIDC_AUDIENCE', 'OIDC_JWKS_URL']) {
      result.assertFileContent('flask-api/flask_api/config.py', new RegExp(`^ {8}self\\.${name} = env\\.require\\("${name}"\\)$`, 'm'));
      result.assertFileContent('flask-api/tests/conftest.py', new RegExp(`^ {8}"${name}": "https?://|^ {8}"${name}": "api"`, 'm'));
      result.assertFileContent('flask-api/.env.example', new RegExp(`^${name}=$`, 'm'));
    }
    result.assertFileContent('flask-api/flask_api/config.py', /^ {8}self\.OIDC_AUDIENCE = "flask-api-api"$/m);
    result.assertFileContent('flask-api/Makefile', /OIDC_ISSUER=https:\/\/idp\.invalid/);
    result.assertNoFileContent('flask-api/tests/security/test_url_map.py', /\/api\/v1\/auth\/(token|login)\//);
    // No auth revision: the catalog's migration follows the base's, keeping one head.
    result.assertFileContent('flask-api/migrations/versions/0010_catalog.py', /down_revision = "0002"/);
    expect(storedAnswers(result.cwd, 'flask-api')).toMatchObject({ framework: 'flask', auth: 'oidc' });
  });

  it('with --auth session: server-side sessions, login, logout and CSRF endpoints, no token views', async () => {
    const result = await runApp().withArguments(['flask-api']).withOptions({ ...flask, auth: 'session' });
    result.assertFile(['flask-api/flask_api/auth_session/sessions.py', 'flask-api/flask_api/auth_session/csrf.py', 'flask-api/tests/auth/test_session_lifecycle.py']);
    result.assertNoFile(['flask-api/flask_api/auth_jwt/tokens.py', 'flask-api/migrations/versions/0003_auth_jwt.py']);
    result.assertFileContent('flask-api/flask_api/__init__.py', /^ {4}init_auth_session\(app\)$/m);
    result.assertFileContent('flask-api/flask_api/config.py', /^ {8}self\.CSRF_COOKIE_NAME = "__Host-csrftoken"$/m);
    result.assertFileContent('flask-api/tests/security/test_url_map.py', /"\/api\/v1\/auth\/login\/",\n {4}"\/api\/v1\/auth\/csrf\/",/);
    result.assertFileContent('flask-api/tests/lockout/test_lockout.py', /LOGIN_URL = "\/api\/v1\/auth\/login\/"/);
    result.assertFileContent('flask-api/migrations/versions/0010_catalog.py', /down_revision = "0002"/);
  });

  it('leaves the needles features insert at', async () => {
    const result = await runApp().withArguments(['flask-api']).withOptions(flask);
    result.assertFileContent('flask-api/pyproject.toml', /# bulwark-needle-dependencies\n/);
    result.assertFileContent('flask-api/pyproject.toml', /# bulwark-needle-dev-dependencies\n/);
    result.assertFileContent('flask-api/.env.example', /# bulwark-needle-env\n/);
    result.assertFileContent('flask-api/README.md', /<!-- bulwark-needle-readme-features -->/);
    result.assertFileContent('flask-api/flask_api/extensions.py', /^# bulwark-needle-extensions$/m);
    result.assertFileContent('flask-api/flask_api/extensions.py', /^ {4}# bulwark-needle-extensions-init$/m);
    result.assertFileContent('flask-api/flask_api/__init__.py', /^ {4}# bulwark-needle-blueprints$/m);
    result.assertFileContent('flask-api/flask_api/config.py', /^ {4}# bulwark-needle-config$/m);
    for (const environment of ['development', 'test', 'production']) {
      result.assertFileContent('flask-api/flask_api/config.py', new RegExp(`^ {8}# bulwark-needle-config-${environment}$`, 'm'));
    }
    result.assertFileContent('flask-api/tests/security/test_url_map.py', /^ {4}# bulwark-needle-public-endpoints$/m);
    result.assertFileContent('flask-api/tests/conftest.py', /^ {8}# bulwark-needle-production-env$/m);
  });

  it('gives the shared files their Flask branch', async () => {
    const result = await runApp().withArguments(['flask-api']).withOptions(flask);
    result.assertFileContent('flask-api/Makefile', /DEPLOY_CHECK := FLASK_SKIP_DOTENV=1 \$\(FLASK\) check-deploy/);
    result.assertNoFileContent('flask-api/Makefile', /manage\.py/);
    result.assertFileContent('flask-api/gunicorn.conf.py', /wsgi_app = "flask_api\.wsgi:application"/);
    result.assertFileContent('flask-api/flask_api/secrets_loader.py', /class ConfigurationError\(RuntimeError\)/);
    result.assertNoFileContent('flask-api/flask_api/secrets_loader.py', /django/);
    result.assertFileContent('flask-api/compose.yaml', /command: \["flask", "db", "upgrade"\]/);
    result.assertFileContent('flask-api/SECURITY.md', /flask check-deploy/);
    result.assertFileContent('flask-api/wsgi.py', /from flask_api import create_app/);
  });
});

describe('defaultFeatureIds', () => {
  it('keeps the default features that support the framework', () => {
    const defaults = FEATURES.filter((feature) => feature.default);
    for (const framework of ['django', 'flask'] as const) {
      expect(defaultFeatureIds(framework)).toEqual(defaults.filter((feature) => feature.frameworks.includes(framework)).map((feature) => feature.id));
    }
  });

  it('gives every default feature while the framework is not known', () => {
    expect(defaultFeatureIds()).toEqual(FEATURES.filter((feature) => feature.default).map((feature) => feature.id));
  });

  it('leaves a Django-only default feature out of a Flask project', () => {
    const djangoOnly = FEATURES.filter((feature) => feature.default && !feature.frameworks.includes('flask'));
    for (const feature of djangoOnly) expect(defaultFeatureIds('flask')).not.toContain(feature.id);
  });
});
