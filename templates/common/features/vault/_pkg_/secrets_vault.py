"""HashiCorp Vault (KV version 2) as one more source of the secrets loader, through hvac.

Every value lives in one KV v2 secret, one key per name (SECRET_KEY, DATABASE_URL, ...), e.g.
``vault kv put -mount=secret my-api SECRET_KEY=... DATABASE_URL=...``. The secret is read whole
and kept for SECRETS_CACHE_TTL seconds. How to reach Vault (VAULT_ADDR, VAULT_TOKEN or
VAULT_ROLE_ID and VAULT_SECRET_ID, VAULT_MOUNT, VAULT_PATH, ...) is read from the environment and
<NAME>_FILE only, never from Vault itself. Vault is not used while VAULT_ADDR is unset.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import hvac
import requests
from hvac import exceptions as vault_errors

from .secrets_loader import (
    DEFAULT_SECRETS_CACHE_TTL,
    CachedStore,
    ConfigurationError,
    EnvironmentSource,
    FileSource,
    SecretLoader,
    SecretStoreError,
    secrets_cache_ttl,
)

logger = logging.getLogger(__name__)

DEFAULT_MOUNT = "secret"


@dataclass(frozen=True)
class VaultSettings:
    """Where the secret is and how to log in to Vault."""

    addr: str
    path: str
    mount: str = DEFAULT_MOUNT
    token: str | None = None
    role_id: str | None = None
    secret_id: str | None = None
    approle_mount: str = "approle"
    namespace: str | None = None
    cacert: str | None = None
    timeout: int = 5
    cache_ttl: int = DEFAULT_SECRETS_CACHE_TTL

    @property
    def secret(self) -> str:
        return f"{self.mount}/{self.path}"

    @property
    def credentials(self) -> str:
        return "VAULT_ROLE_ID and VAULT_SECRET_ID" if self.role_id else "VAULT_TOKEN"

    @classmethod
    def from_environment(cls, env: SecretLoader | None = None) -> VaultSettings | None:
        """The settings from the environment and <NAME>_FILE; None when VAULT_ADDR is unset."""
        env = env or SecretLoader([EnvironmentSource(), FileSource()])
        addr = env.get("VAULT_ADDR")
        if addr is None:
            return None
        role_id, secret_id = env.get("VAULT_ROLE_ID"), env.get("VAULT_SECRET_ID")
        token = env.get("VAULT_TOKEN")
        if role_id and not secret_id:
            raise ConfigurationError(
                "VAULT_ROLE_ID is set without VAULT_SECRET_ID: AppRole login needs both."
            )
        if not role_id and not token:
            raise ConfigurationError(
                f"VAULT_ADDR is set ({addr}) but no Vault credentials are: set VAULT_TOKEN, "
                "or VAULT_ROLE_ID and VAULT_SECRET_ID (AppRole)."
            )
        return cls(
            addr=addr.rstrip("/"),
            path=env.require("VAULT_PATH").strip("/"),
            mount=(env.get("VAULT_MOUNT") or DEFAULT_MOUNT).strip("/"),
            token=None if role_id else token,
            role_id=role_id,
            secret_id=secret_id if role_id else None,
            approle_mount=(env.get("VAULT_APPROLE_MOUNT") or "approle").strip("/"),
            namespace=env.get("VAULT_NAMESPACE"),
            cacert=env.get("VAULT_CACERT"),
            timeout=env.get_int("VAULT_TIMEOUT", 5),
            cache_ttl=secrets_cache_ttl(env),
        )


class VaultSource(CachedStore):
    """The keys of one KV v2 secret, read whole and cached for ``settings.cache_ttl`` seconds."""

    store_name = "Vault"

    def __init__(
        self, settings: VaultSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(settings.cache_ttl, clock)
        self.settings = settings
        self._client = hvac.Client(
            url=settings.addr,
            # Never hvac's own fallbacks (the VAULT_TOKEN variable, ~/.vault-token).
            token=settings.token or "",
            verify=settings.cacert or True,
            timeout=settings.timeout,
            namespace=settings.namespace,
        )

    def describe(self, name: str) -> str:
        """Where a missing ``name`` belongs, for the loader's error message."""
        return f"the key {name} in the Vault secret {self.settings.secret} ({self.settings.addr})"

    def _login(self) -> None:
        settings = self.settings
        try:
            self._client.auth.approle.login(
                role_id=settings.role_id,
                secret_id=settings.secret_id,
                mount_point=settings.approle_mount,
            )
        except vault_errors.VaultError as exc:
            raise SecretStoreError(
                f"Vault at VAULT_ADDR={settings.addr} refused the AppRole login ({_reason(exc)}):"
                " check VAULT_ROLE_ID and VAULT_SECRET_ID (a secret ID expires and may have a"
                " limited number of uses)."
            ) from exc

    def _read_secret(self) -> object:
        return self._client.secrets.kv.v2.read_secret_version(
            path=self.settings.path,
            mount_point=self.settings.mount,
            raise_on_deleted_version=True,
        )

    def _read(self) -> dict[str, str]:
        settings = self.settings
        vault = f"Vault at VAULT_ADDR={settings.addr}"
        try:
            if settings.role_id and not self._client.token:
                self._login()
            try:
                response = self._read_secret()
            except vault_errors.Forbidden:
                if not settings.role_id:
                    raise
                # The AppRole token expired or was revoked: log in again, once.
                self._login()
                response = self._read_secret()
        except requests.exceptions.RequestException as exc:
            raise SecretStoreError(
                f"{vault} cannot be reached ({exc}). Check VAULT_ADDR,"
                " the network and VAULT_CACERT, or unset VAULT_ADDR to read secrets from the"
                " environment only."
            ) from exc
        except (vault_errors.Unauthorized, vault_errors.Forbidden) as exc:
            raise SecretStoreError(
                f"{vault} refused to read {settings.secret} (permission denied): check"
                f" {settings.credentials} and that its policy allows read on"
                f' "{settings.mount}/data/{settings.path}".'
            ) from exc
        except vault_errors.InvalidPath as exc:
            raise SecretStoreError(
                f"{vault} has no secret {settings.secret} (or its latest version is deleted):"
                " check VAULT_MOUNT and VAULT_PATH, or write it with"
                f" `vault kv put -mount={settings.mount} {settings.path} SECRET_KEY=...`."
            ) from exc
        except vault_errors.VaultError as exc:
            raise SecretStoreError(
                f"{vault} could not read {settings.secret}: {_reason(exc)}"
                " (is it sealed or overloaded?)."
            ) from exc
        return _string_values(response, settings.secret)


def _reason(exc: vault_errors.VaultError) -> str:
    """Vault's own error text, without the request URL hvac appends."""
    return str(exc.args[0]) if exc.args and exc.args[0] else type(exc).__name__


def _string_values(response: object, secret: str) -> dict[str, str]:
    """The key/value pairs of a KV v2 read; every value must be a string."""
    data = response.get("data", {}).get("data") if isinstance(response, dict) else None
    if not isinstance(data, dict):
        raise SecretStoreError(
            f"Vault gave no KV version 2 data for {secret}: is it a KV version 2 mount?"
        )
    wrong = sorted(key for key, value in data.items() if not isinstance(value, str))
    if wrong:
        # Names only: a value never goes into a message or a log.
        raise SecretStoreError(
            f"The Vault secret {secret} holds values that are not strings: {', '.join(wrong)}."
        )
    return data


def vault_source(app_env: str) -> VaultSource | None:
    """The Vault source for SecretLoader.for_environment; None while VAULT_ADDR is unset.

    Production reads the secret at once, so a Vault that cannot be reached or read stops the
    start with a message that names what to fix, rather than failing on a later request.
    """
    settings = VaultSettings.from_environment()
    if settings is None:
        return None
    source = VaultSource(settings)
    if app_env == "production":
        source.values()
    return source
