"""CFG-1, CFG-3, CFG-5: production start-up, checked in a fresh process as in a deployment."""

import os
import subprocess
import sys

from django.conf import settings

SETTINGS_PACKAGE = settings.SETTINGS_MODULE.rpartition(".")[0]
REQUIRED = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL")
# Configuration the child process must not inherit from the shell running the tests.
CONFIGURATION = {
    "APP_ENV",
    "DJANGO_SETTINGS_MODULE",
    "TRUSTED_PROXY_COUNT",
    *REQUIRED,
    *(f"{name}_FILE" for name in REQUIRED),
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    inherited = {name: value for name, value in os.environ.items() if name not in CONFIGURATION}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**inherited, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def assert_refuses_to_start_without(name: str, production_env: dict[str, str]) -> None:
    env = {key: value for key, value in production_env.items() if key != name}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert f"{name} is required" in result.stderr.splitlines()[-1]


def test_production_refuses_to_start_without_secret_key(production_env):
    assert_refuses_to_start_without("SECRET_KEY", production_env)


def test_production_refuses_to_start_without_allowed_hosts(production_env):
    assert_refuses_to_start_without("ALLOWED_HOSTS", production_env)


def test_production_refuses_to_start_without_database_url(production_env):
    assert_refuses_to_start_without("DATABASE_URL", production_env)


def test_production_refuses_to_start_without_redis_url(production_env):
    assert_refuses_to_start_without("REDIS_URL", production_env)


def test_production_refuses_a_placeholder_secret_key(production_env):
    result = manage("check", env={**production_env, "SECRET_KEY": "change-me"})
    assert result.returncode != 0
    assert "SECRET_KEY must be 50 or more random characters" in result.stderr


def test_production_passes_the_deploy_checks(production_env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env)
    assert result.returncode == 0, result.stderr


def test_development_settings_refuse_to_run_with_app_env_production():
    env = {"APP_ENV": "production", "DJANGO_SETTINGS_MODULE": f"{SETTINGS_PACKAGE}.development"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "never run with APP_ENV=production" in result.stderr


def test_app_env_selects_the_development_settings_by_default():
    command = "from django.conf import settings; print(settings.SETTINGS_MODULE)"
    result = manage("shell", "--no-imports", "--command", command, env={})
    assert result.stdout.strip() == f"{SETTINGS_PACKAGE}.development"
