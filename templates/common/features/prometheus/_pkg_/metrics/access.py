"""Who may read the metrics: a scraper that holds METRICS_TOKEN and/or calls from an address in
METRICS_ALLOWED_IPS. Every check that is configured must pass. With neither configured nobody
passes (401), and production says so in a warning at start-up."""

from __future__ import annotations

import hmac
import ipaddress
import logging
from dataclasses import dataclass

from ..secrets_loader import ConfigurationError, SecretLoader

# A token short enough to guess is no lock: `openssl rand -hex 32` gives 64 characters.
MIN_TOKEN_LENGTH = 32

logger = logging.getLogger(__name__)

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class MetricsAccess:
    """The scraper's bearer token and the networks it may call from; empty refuses everyone."""

    token: str | None = None
    networks: tuple[Network, ...] = ()

    @property
    def configured(self) -> bool:
        return bool(self.token or self.networks)

    def refusal(self, address: str | None, authorization: str | None) -> int | None:
        """None when the caller may read the metrics, else the status that refuses it:
        403 from an address outside the networks, 401 without the right bearer token."""
        if self.networks and not self._allows(address):
            return 403
        if self.token or not self.networks:
            presented = _bearer_token(authorization)
            if self.token is None or presented is None:
                return 401
            # Constant time: the answer does not tell how much of a guess was right.
            if not hmac.compare_digest(presented.encode(), self.token.encode()):
                return 401
        return None

    def _allows(self, address: str | None) -> bool:
        try:
            ip = ipaddress.ip_address(address or "")
        except ValueError:
            return False
        return any(ip in network for network in self.networks)


def _bearer_token(authorization: str | None) -> str | None:
    scheme, _, token = (authorization or "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def read_access(env: SecretLoader, *, warn_if_unset: bool) -> MetricsAccess:
    """METRICS_TOKEN and METRICS_ALLOWED_IPS (addresses or networks, comma separated), read
    through the secrets loader. A token too short or an address that is none stops the start."""
    token = env.get("METRICS_TOKEN")
    if token is not None and len(token) < MIN_TOKEN_LENGTH:
        raise ConfigurationError(
            f"METRICS_TOKEN must be {MIN_TOKEN_LENGTH} or more random characters."
        )
    networks: list[Network] = []
    for entry in (env.get("METRICS_ALLOWED_IPS") or "").split(","):
        if not (entry := entry.strip()):
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ConfigurationError(
                f"METRICS_ALLOWED_IPS: {entry!r} is not an IP address or network."
            ) from None
    access = MetricsAccess(token, tuple(networks))
    if warn_if_unset and not access.configured:
        logger.warning(
            "Neither METRICS_TOKEN nor METRICS_ALLOWED_IPS is set: /metrics/ refuses every "
            "request (401) until the scraper's bearer token, its addresses, or both are set."
        )
    return access
