"""CFG-5: `flask check-deploy` (run by `make check`) fails on an insecure configuration."""

import pytest


@pytest.fixture
def check_deploy(production_app):
    def run(**config):
        production_app.config.update(config)
        return production_app.test_cli_runner().invoke(args=["check-deploy"])

    return run


@pytest.mark.parametrize(
    ("setting", "value", "finding"),
    [
        ("SESSION_COOKIE_SECURE", False, "SESSION_COOKIE_SECURE"),
        ("SESSION_COOKIE_NAME", "session", "__Host-"),
        ("TRUSTED_HOSTS", [], "every Host would be accepted"),
        ("MAX_CONTENT_LENGTH", None, "unbounded"),
        ("HSTS_SECONDS", 3600, "HSTS_SECONDS"),
        ("HTTPS_REDIRECT", False, "not a redirect to HTTPS"),
        ("REDIS_URL", None, "REDIS_URL"),
    ],
)
def test_check_deploy_reports_an_insecure_setting(check_deploy, setting, value, finding):
    result = check_deploy(**{setting: value})
    assert result.exit_code != 0
    assert finding in result.output


def test_check_deploy_reports_a_sqlite_database(check_deploy):
    # The tests' production app keeps the test database: SQLite.
    result = check_deploy()
    assert result.exit_code != 0
    assert "The database is SQLite" in result.output
