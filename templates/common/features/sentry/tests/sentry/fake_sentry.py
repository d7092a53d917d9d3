"""A Sentry ingest endpoint on loopback that keeps what the SDK sends, so tests read the very
bytes that would leave the server."""

from __future__ import annotations

import gzip
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class FakeSentry:
    def __init__(self) -> None:
        self.bodies: list[bytes] = []
        received = self.bodies

        class Ingest(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                encoding = self.headers.get("Content-Encoding", "identity")
                if encoding == "gzip":
                    body = gzip.decompress(body)
                elif encoding != "identity":
                    raise AssertionError(f"unexpected Content-Encoding {encoding}")
                received.append(body)
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Ingest)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def dsn(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://publickey@{host}:{port}/1"

    def start(self) -> FakeSentry:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def raw(self) -> bytes:
        """Everything received, to search for what must never be sent."""
        return b"\n".join(self.bodies)

    def events(self) -> list[dict[str, Any]]:
        return [
            json.loads(payload)
            for body in self.bodies
            for header, payload in envelope_items(body)
            if header.get("type") == "event"
        ]


def envelope_items(body: bytes) -> list[tuple[dict[str, Any], bytes]]:
    """The (item header, payload) pairs of a Sentry envelope."""
    _, _, rest = body.partition(b"\n")
    items = []
    while rest.strip():
        line, _, rest = rest.partition(b"\n")
        header = json.loads(line)
        length = header.get("length")
        if length is None:
            payload, _, rest = rest.partition(b"\n")
        else:
            payload, rest = rest[:length], rest[length + 1 :]
        items.append((header, payload))
    return items
