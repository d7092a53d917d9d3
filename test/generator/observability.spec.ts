import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFeatureIds, findFeature } from '../../lib/features/index.js';
import { listTree } from '../support/cli.js';
import { addFeatures, createProject, projectSnapshot, readProjectFile } from '../support/generators.js';

type Framework = 'django' | 'flask';

const create = (framework: Framework, features: string) => createProject({ framework, features }, 'bulwark-observability-');
const add = addFeatures;
const read = readProjectFile;
const snapshotOf = projectSnapshot;

describe('the sentry and prometheus features', () => {
  it('are registered for both frameworks and not chosen by default', () => {
    for (const id of ['sentry', 'prometheus']) {
      expect(findFeature(id)?.frameworks).toEqual(['django', 'flask']);
      expect(defaultFeatureIds('django')).not.toContain(id);
      expect(defaultFeatureIds('flask')).not.toContain(id);
    }
  });

  it('Django: wires Sentry into production and development settings, the metrics view, middleware and gunicorn hooks', async () => {
    const project = await create('django', 'sentry,prometheus');
    const pyproject = read(project, 'pyproject.toml');
    expect(pyproject).toMatch(/"sentry-sdk\[django\]>=2\.20,<3"/);
    expect(pyproject).toMatch(/"prometheus-client>=0\.21,<1"/);
    for (const settings of ['production', 'development']) {
      const text = read(project, `demo_api/settings/${settings}.py`);
      expect(text).toContain(`init_sentry_from(env, environment="${settings}")`);
      expect(text).toMatch(/METRICS_ACCESS = read_access\(env, warn_if_unset=(True|False)\)/);
    }
    expect(read(project, 'demo_api/settings/test.py')).not.toMatch(/sentry|METRICS/);
    const base = read(project, 'demo_api/settings/base.py');
    expect(base).toContain('"demo_api.metrics.middleware.RequestMetricsMiddleware",');
    expect(base).toContain('LOGGING["loggers"]["security"].setdefault("handlers", []).append("metrics")');
    expect(read(project, 'demo_api/urls.py')).toContain('path("metrics/", include("demo_api.metrics.urls")),');
    expect(read(project, 'demo_api/sentry.py')).toContain('from sentry_sdk.integrations.django import DjangoIntegration');
    const gunicorn = read(project, 'gunicorn.conf.py');
    expect(gunicorn).toMatch(/def on_starting\(server\) -> None:/);
    expect(gunicorn).toContain('multiprocess.mark_process_dead(worker.pid)');
    // /metrics/ is not public: the URL-map test must keep refusing it to anonymous callers.
    expect(read(project, 'tests/security/test_url_map.py')).not.toContain('/metrics/');
    for (const file of ['tests/sentry/test_sentry.py', 'tests/sentry/fake_sentry.py', 'tests/metrics/test_metrics.py']) {
      expect(listTree(project)).toContain(file);
    }
    const env = read(project, '.env.example');
    expect(env).toMatch(/# SENTRY_DSN=/);
    expect(env).toMatch(/# METRICS_TOKEN=/);
    expect(read(project, 'README.md')).toMatch(/\*\*Sentry\*\*[\s\S]*\*\*Prometheus metrics\*\*/);
  });

  it('Flask: reads the variables in config.py and initialises both in create_app', async () => {
    const project = await create('flask', 'sentry,prometheus');
    expect(read(project, 'pyproject.toml')).toMatch(/"sentry-sdk\[flask\]>=2\.20,<3"/);
    const config = read(project, 'demo_api/config.py');
    expect(config.match(/self\.SENTRY_DSN = env\.get\("SENTRY_DSN"\)/g)).toHaveLength(2);
    expect(config).toContain('self.METRICS_ACCESS = read_access(env, warn_if_unset=True)');
    expect(config).toContain('self.METRICS_ACCESS = read_access(env, warn_if_unset=False)');
    const factory = read(project, 'demo_api/__init__.py');
    expect(factory).toContain('init_sentry_from(app.config, environment=app.config["APP_ENV"])');
    expect(factory).toContain('init_metrics(app)');
    expect(read(project, 'demo_api/sentry.py')).toContain('from sentry_sdk.integrations.flask import FlaskIntegration');
    expect(read(project, 'gunicorn.conf.py')).toContain('def child_exit(server, worker) -> None:');
  });

  it('leaves gunicorn.conf.py without hooks when prometheus is not chosen', async () => {
    const project = await create('django', 'sentry');
    expect(read(project, 'gunicorn.conf.py')).not.toMatch(/def (on_starting|child_exit)/);
    expect(listTree(project)).not.toContain('demo_api/metrics/');
  });

  for (const framework of ['django', 'flask'] as const) {
    it(`${framework}: bulwark add gives the project that choosing them at creation gives, and a second add changes nothing`, async () => {
      const defaults = defaultFeatureIds(framework).join(',');
      const later = await create(framework, defaults);
      await add(later, ['sentry', 'prometheus']);
      const atOnce = await create(framework, `${defaults},sentry,prometheus`);
      const lateFiles = snapshotOf(later);
      const onceFiles = snapshotOf(atOnce);
      expect([...lateFiles.keys()]).toEqual([...onceFiles.keys()]);
      // README and .yo-rc.json included: a list added to later is laid out as one made at once.
      for (const [file, content] of onceFiles) expect(lateFiles.get(file), file).toBe(content);

      expect(lateFiles.get('README.md')).toMatch(/\*\*Sentry\*\*[\s\S]*\*\*Prometheus metrics\*\*/);

      const again = await add(later, ['sentry', 'prometheus']);
      expect(snapshotOf(later)).toEqual(lateFiles);
      expect(again.askedQuestions).toEqual([]);
    });
  }
});
