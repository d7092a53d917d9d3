"""LOG-2 for gunicorn's access log: a request is logged as its method, path and protocol; its
query string, where a client may have put a token or a password, is never written."""

import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from gunicorn.config import Config
from gunicorn.glogging import Logger, SafeAtoms

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def access_line(path: str, query: str) -> str:
    """The access log line gunicorn writes for a GET of `path?query`, with this project's format."""
    log_format = runpy.run_path(str(CONF))["access_log_format"]
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"{path}?{query}",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.1",
    }
    response = SimpleNamespace(
        status="401 Unauthorized", headers=[("X-Request-ID", "abc123")], sent=0
    )
    request = SimpleNamespace(headers=[("User-Agent", "curl/8")])
    atoms = Logger(Config()).atoms(response, request, environ, timedelta(milliseconds=3))
    return log_format % SafeAtoms(atoms)


def test_the_access_log_names_the_request_without_its_query_string():
    line = access_line("/api/v1/auth/me/", "access_token=eyJ.secret.value&password=hunter2hunter2")
    assert '"GET /api/v1/auth/me/ HTTP/1.1" 401' in line
    assert "request_id=abc123" in line
    assert "secret" not in line
    assert "hunter2" not in line
    assert "?" not in line
