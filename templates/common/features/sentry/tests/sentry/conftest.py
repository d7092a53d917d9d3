"""A loopback Sentry for each test that wants one, and no SDK left running after any test."""

from collections.abc import Iterator

import pytest
import sentry_sdk

from tests.sentry.fake_sentry import FakeSentry


def stop_sentry() -> None:
    client = sentry_sdk.get_client()
    if client.is_active():
        client.close(timeout=2)
    sentry_sdk.get_global_scope().set_client(None)


@pytest.fixture(autouse=True)
def no_sentry_afterwards(monkeypatch) -> Iterator[None]:
    monkeypatch.delenv("SENTRY_DSN", raising=False)
    yield
    stop_sentry()


@pytest.fixture
def fake_sentry() -> Iterator[FakeSentry]:
    fake = FakeSentry().start()
    yield fake
    stop_sentry()
    fake.stop()
