"""A fake identity provider for the tests: its own keys, a JWKS served on loopback (counting
the requests it gets), and tokens minted like a real provider's."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from jwt.algorithms import ECAlgorithm, RSAAlgorithm


def new_keys() -> dict[str, Any]:
    """An RSA (RS256) and an EC P-256 (ES256) private key, by kid."""
    return {
        "rsa-1": rsa.generate_private_key(public_exponent=65537, key_size=2048),
        "ec-1": ec.generate_private_key(ec.SECP256R1()),
    }


def public_jwk(kid: str, private_key: Any) -> dict[str, Any]:
    if isinstance(private_key, rsa.RSAPrivateKey):
        jwk, alg = RSAAlgorithm.to_jwk(private_key.public_key(), as_dict=True), "RS256"
    else:
        jwk, alg = ECAlgorithm.to_jwk(private_key.public_key(), as_dict=True), "ES256"
    return {**jwk, "kid": kid, "use": "sig", "alg": alg}


def segment(value: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()


class IdentityProvider:
    def __init__(self, issuer: str, audience: str) -> None:
        self.issuer = issuer
        self.audience = audience
        self.keys = new_keys()
        self.published = dict(self.keys)
        self.requests = 0
        self.down = False
        # Seconds the JWKS endpoint waits before answering: a provider that hangs.
        self.delay = 0.0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                provider.requests += 1
                time.sleep(provider.delay)
                # A client that gave up waiting has closed the connection.
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.answer()

            def answer(self) -> None:
                if provider.down:
                    self.send_error(503)
                    return
                body = json.dumps(provider.jwks()).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.jwks_url = f"http://127.0.0.1:{self.server.server_port}/jwks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def reset(self) -> None:
        self.published = dict(self.keys)
        self.requests = 0
        self.down = False
        self.delay = 0.0

    def jwks(self) -> dict[str, Any]:
        return {"keys": [public_jwk(kid, key) for kid, key in self.published.items()]}

    def claims(self, sub: str = "alice", roles: list[str] | None = None, **extra: Any) -> dict:
        now = int(time.time())
        return {
            "iss": self.issuer,
            "aud": self.audience,
            "sub": sub,
            "iat": now,
            "nbf": now,
            "exp": now + 300,
            "roles": ["viewer"] if roles is None else roles,
            **extra,
        }

    def mint(self, claims: dict[str, Any] | None = None, kid: str = "rsa-1", **header: Any) -> str:
        """A token signed with one of the provider's keys (or any key given as `key`)."""
        key = header.pop("key", None) or self.keys[kid]
        algorithm = header.pop("alg", "RS256" if isinstance(key, rsa.RSAPrivateKey) else "ES256")
        return jwt.encode(
            self.claims() if claims is None else claims,
            key,
            algorithm=algorithm,
            headers={"kid": kid, **header},
        )

    def public_pem(self, kid: str = "rsa-1") -> bytes:
        return (
            self.keys[kid]
            .public_key()
            .public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            )
        )

    def hs256_with_public_key(self, claims: dict[str, Any], kid: str = "rsa-1") -> str:
        """Algorithm confusion: HS256 with the provider's public key as the HMAC secret."""
        signing_input = f"{segment({'alg': 'HS256', 'typ': 'JWT', 'kid': kid})}.{segment(claims)}"
        digest = hmac.new(self.public_pem(kid), signing_input.encode(), hashlib.sha256).digest()
        return f"{signing_input}.{base64.urlsafe_b64encode(digest).rstrip(b'=').decode()}"

    def unsigned(self, claims: dict[str, Any], kid: str = "rsa-1") -> str:
        return f"{segment({'alg': 'none', 'typ': 'JWT', 'kid': kid})}.{segment(claims)}."
