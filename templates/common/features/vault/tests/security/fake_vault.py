"""A small fake of Vault's HTTP API on loopback, for the tests: KV version 2 reads and AppRole.

It answers as Vault does for what the app uses: GET /v1/<mount>/data/<path> with an
X-Vault-Token header, and POST /v1/auth/approle/login. Tokens may read every secret (no
policies), an unknown token is refused with 403 as Vault does, and `sealed` answers 503.
"""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeVault:
    def __init__(self, mount: str = "secret") -> None:
        self.mount = mount
        self.secrets: dict[str, list[dict[str, Any]]] = {}
        self.tokens: set[str] = set()
        self.approles: dict[str, str] = {}
        self.sealed = False
        self.requests: list[tuple[str, str]] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> FakeVault:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()

    def issue_token(self) -> str:
        token = f"hvs.{secrets.token_urlsafe(24)}"
        self.tokens.add(token)
        return token

    def add_approle(self) -> tuple[str, str]:
        role_id, secret_id = secrets.token_hex(16), secrets.token_hex(16)
        self.approles[role_id] = secret_id
        return role_id, secret_id

    def put(self, path: str, **data: Any) -> int:
        """Writes a new version of the secret at `path`, as `vault kv put` does."""
        self.secrets.setdefault(path, []).append(data)
        return len(self.secrets[path])

    def reads(self, path: str) -> int:
        return self.requests.count(("GET", f"/v1/{self.mount}/data/{path}"))

    def answer(self, method: str, path: str, token: str, body: bytes) -> tuple[int, dict]:
        self.requests.append((method, path))
        if self.sealed:
            return 503, {"errors": ["Vault is sealed"]}
        if method == "POST" and path == "/v1/auth/approle/login":
            credentials = json.loads(body or b"{}")
            if self.approles.get(credentials.get("role_id")) != credentials.get("secret_id"):
                return 400, {"errors": ["invalid role or secret ID"]}
            token = self.issue_token()
            auth = {"client_token": token, "lease_duration": 3600, "renewable": True}
            return 200, {"auth": {**auth, "policies": ["default"]}, "data": None}
        prefix = f"/v1/{self.mount}/data/"
        if method != "GET" or not path.startswith(prefix):
            return 404, {"errors": []}
        if token not in self.tokens:
            return 403, {"errors": ["permission denied"]}
        versions = self.secrets.get(path.removeprefix(prefix))
        if not versions:
            return 404, {"errors": []}
        metadata = {"version": len(versions), "deletion_time": "", "destroyed": False}
        return 200, {"data": {"data": versions[-1], "metadata": metadata}, "lease_duration": 0}


def _handler(vault: FakeVault) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _respond(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            token = self.headers.get("X-Vault-Token", "")
            status, payload = vault.answer(self.command, self.path.split("?")[0], token, body)
            content = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        do_GET = do_POST = _respond

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: the tests read `vault.requests` instead."""

    return Handler
