"""CFG-7: no secret in the repository."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDERS = {"", "change-me"}
SECRET_NAME = re.compile(r"SECRET|PASSWORD|TOKEN|_KEY$")
ASSIGNMENT = re.compile(r"^#?\s*([A-Z][A-Z0-9_]*)=(.*)$")


def env_example() -> dict[str, str]:
    lines = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    return {m[1]: m[2].strip() for line in lines if (m := ASSIGNMENT.match(line.strip()))}


def test_env_example_gives_secrets_placeholder_values_only():
    values = env_example()
    assert "SECRET_KEY" in values
    for name, value in values.items():
        if SECRET_NAME.search(name):
            assert value in PLACEHOLDERS, f"{name} in .env.example must be a placeholder"


def test_env_example_urls_carry_no_credentials():
    for name, value in env_example().items():
        credentials = re.match(r"^\w+://([^@/]*)@", value)
        if credentials:
            placeholders = re.fullmatch(r"\{\w+\}:\{\w+\}", credentials[1])
            assert placeholders, f"{name} in .env.example holds real credentials"


def test_gitignore_keeps_env_files_virtualenvs_and_databases_out():
    ignored = set((ROOT / ".gitignore").read_text(encoding="utf-8").splitlines())
    assert {".env", ".venv/", "*.sqlite3"} <= ignored


def test_pre_commit_scans_for_secrets():
    config = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert "detect-secrets" in config
