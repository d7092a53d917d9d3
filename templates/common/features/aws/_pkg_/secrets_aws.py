"""AWS Secrets Manager as one more source of the secrets loader, through boto3.

Every value lives in one secret whose SecretString is a JSON object, one key per name:
``{"SECRET_KEY": "...", "DATABASE_URL": "..."}``. The secret (its AWSCURRENT version) is read
whole and kept for SECRETS_CACHE_TTL seconds. Which secret and region (AWS_SECRET_ID,
AWS_REGION, AWS_ENDPOINT_URL_SECRETS_MANAGER) is read from the environment and <NAME>_FILE
only; the AWS credentials come from boto3's usual chain (an IAM role, or AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY). Secrets Manager is not used while AWS_SECRET_ID is unset.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError, NoRegionError

from .secrets_loader import (
    DEFAULT_SECRETS_CACHE_TTL,
    CachedStore,
    EnvironmentSource,
    FileSource,
    SecretLoader,
    SecretStoreError,
    secrets_cache_ttl,
)

logger = logging.getLogger(__name__)

# What to fix for the error codes Secrets Manager answers GetSecretValue with.
ADVICE = {
    "ResourceNotFoundException": "check AWS_SECRET_ID and AWS_REGION",
    "AccessDeniedException": (
        "allow secretsmanager:GetSecretValue on this secret to the role the app runs as"
        " (and kms:Decrypt on its key when that is a customer managed key)"
    ),
    "UnrecognizedClientException": "check the AWS credentials the app runs with",
    "InvalidSignatureException": "check the AWS credentials the app runs with",
    "ExpiredTokenException": "the AWS session token has expired: renew the credentials",
    "DecryptionFailure": "allow kms:Decrypt on the secret's KMS key to the role the app runs as",
    "InvalidRequestException": "the secret may be scheduled for deletion: restore it",
}


@dataclass(frozen=True)
class AwsSecretsSettings:
    """Which secret to read, where, and how long to keep it."""

    secret_id: str
    region: str | None = None
    endpoint_url: str | None = None
    timeout: int = 5
    cache_ttl: int = DEFAULT_SECRETS_CACHE_TTL

    @classmethod
    def from_environment(cls, env: SecretLoader | None = None) -> AwsSecretsSettings | None:
        """The settings from the environment and <NAME>_FILE; None when AWS_SECRET_ID is unset."""
        env = env or SecretLoader([EnvironmentSource(), FileSource()])
        secret_id = env.get("AWS_SECRET_ID")
        if secret_id is None:
            return None
        return cls(
            secret_id=secret_id,
            region=env.get("AWS_REGION") or env.get("AWS_DEFAULT_REGION"),
            endpoint_url=env.get("AWS_ENDPOINT_URL_SECRETS_MANAGER"),
            timeout=env.get_int("AWS_SECRETS_TIMEOUT", 5),
            cache_ttl=secrets_cache_ttl(env),
        )


class AwsSecretsSource(CachedStore):
    """The keys of one Secrets Manager secret, read whole and cached for ``cache_ttl`` seconds."""

    store_name = "Secrets Manager"

    def __init__(
        self, settings: AwsSecretsSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(settings.cache_ttl, clock)
        self.settings = settings
        self._client: Any = None

    def describe(self, name: str) -> str:
        """Where a missing ``name`` belongs, for the loader's error message."""
        return f"the key {name} in the AWS Secrets Manager secret {self.settings.secret_id}"

    def _secretsmanager(self) -> Any:
        if self._client is None:
            settings = self.settings
            self._client = boto3.session.Session().client(
                "secretsmanager",
                region_name=settings.region,
                endpoint_url=settings.endpoint_url,
                config=Config(
                    connect_timeout=settings.timeout,
                    read_timeout=settings.timeout,
                    retries={"max_attempts": 3, "mode": "standard"},
                ),
            )
        return self._client

    def _read(self) -> dict[str, str]:
        settings = self.settings
        secret = f"AWS_SECRET_ID={settings.secret_id}"
        try:
            response = self._secretsmanager().get_secret_value(SecretId=settings.secret_id)
        except NoRegionError as exc:
            raise SecretStoreError(
                f"No AWS region for {secret}: set AWS_REGION (e.g. eu-west-1)."
            ) from exc
        except NoCredentialsError as exc:
            raise SecretStoreError(
                f"No AWS credentials to read {secret}: run the app with an IAM role (instance"
                " profile, ECS task role, EKS service account) or set AWS_ACCESS_KEY_ID and"
                " AWS_SECRET_ACCESS_KEY."
            ) from exc
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "Unknown")
            advice = ADVICE.get(code, "see the error code in the AWS documentation")
            raise SecretStoreError(
                f"AWS Secrets Manager refused to read {secret} ({code}): {advice}."
            ) from exc
        except BotoCoreError as exc:
            endpoint = settings.endpoint_url or f"the {settings.region} endpoint"
            raise SecretStoreError(
                f"AWS Secrets Manager at {endpoint} cannot be reached to read {secret} ({exc})."
                " Check AWS_REGION, AWS_ENDPOINT_URL_SECRETS_MANAGER and the network, or unset"
                " AWS_SECRET_ID to read secrets from the environment only."
            ) from exc
        return _string_values(response.get("SecretString"), settings.secret_id)


def _string_values(text: str | None, secret_id: str) -> dict[str, str]:
    """The key/value pairs of the SecretString; every value must be a string."""
    try:
        data = json.loads(text) if text is not None else None
    except json.JSONDecodeError:
        data = None
    if not isinstance(data, dict):
        raise SecretStoreError(
            f"The AWS secret {secret_id} must hold a JSON object of names and values"
            ' (SecretString like {"SECRET_KEY": "..."}), not plain text or binary.'
        )
    wrong = sorted(key for key, value in data.items() if not isinstance(value, str))
    if wrong:
        # Names only: a value never goes into a message or a log.
        raise SecretStoreError(
            f"The AWS secret {secret_id} holds values that are not strings: {', '.join(wrong)}."
        )
    return data


def aws_secrets_source(app_env: str) -> AwsSecretsSource | None:
    """The source for SecretLoader.for_environment; None while AWS_SECRET_ID is unset.

    Production reads the secret at once, so a secret that cannot be read stops the start with a
    message that names what to fix, rather than failing on a later request.
    """
    settings = AwsSecretsSettings.from_environment()
    if settings is None:
        return None
    source = AwsSecretsSource(settings)
    if app_env == "production":
        source.values()
    return source
