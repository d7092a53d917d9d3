"""Transport controls in one place: trusted proxies, HTTPS, request body bounds and the
security headers of every response. Allowed hosts are Flask's own TRUSTED_HOSTS (config.py);
errors.py answers a disallowed one."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, abort, current_app, request
from flask.json.provider import DefaultJSONProvider
from werkzeug.middleware.proxy_fix import ProxyFix

PERMISSIONS_POLICY_DENIED = (
    "accelerometer",
    "autoplay",
    "camera",
    "display-capture",
    "encrypted-media",
    "fullscreen",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "picture-in-picture",
    "publickey-credentials-get",
    "screen-wake-lock",
    "sync-xhr",
    "usb",
    "xr-spatial-tracking",
)

# Headers for an API that serves no HTML, on every response unless a view sets its own.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in PERMISSIONS_POLICY_DENIED),
    "Cache-Control": "no-store",
}


# Headers only a proxy may set, as WSGI environ keys.
FORWARDED_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_FORWARDED_PREFIX",
    "HTTP_X_FORWARDED_PROTO",
)


class DropUntrustedForwardedHeaders:
    """Removes X-Forwarded-* and Forwarded unless the peer is one of the trusted proxies.

    ProxyFix believes whoever sends them; without this, a client that reaches the app
    directly could claim HTTPS or another address (HDR-1, RATE-5).
    """

    def __init__(self, app: Any, trusted: list[str]) -> None:
        self.app = app
        self.trusted = frozenset(trusted)

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
        if "*" not in self.trusted and environ.get("REMOTE_ADDR") not in self.trusted:
            for header in FORWARDED_HEADERS:
                environ.pop(header, None)
        return self.app(environ, start_response)


def init_app(app: Flask) -> None:
    proxies = app.config["TRUSTED_PROXY_COUNT"]
    if proxies:
        # The client address is taken that many hops back in X-Forwarded-For, the scheme from
        # the X-Forwarded-Proto of the proxy next to the app. With no proxy, neither is read.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=1)  # type: ignore[method-assign]
    # Outermost, so it runs first: only the proxies' own addresses may send forwarded headers.
    app.wsgi_app = DropUntrustedForwardedHeaders(  # type: ignore[method-assign]
        app.wsgi_app, app.config["TRUSTED_PROXY_IPS"] if proxies else []
    )
    app.before_request(_redirect_to_https)
    app.before_request(_refuse_oversized_body)
    app.before_request(_refuse_nul_in_the_url)
    app.json = NulRefusingJSONProvider(app)
    app.after_request(_add_security_headers)


def _redirect_to_https() -> Response | None:
    """Plain HTTP gets a permanent redirect to the same URL over HTTPS (HTTPS_REDIRECT)."""
    if current_app.config["HTTPS_REDIRECT"] and not request.is_secure:
        # request.url checks the Host first: a disallowed one gets 400, not a redirect.
        location = "https://" + request.url.partition("://")[2]
        return Response(status=301, headers={"Location": location})
    return None


def _refuse_oversized_body() -> None:
    """413 for a declared body over MAX_CONTENT_LENGTH before any view runs; on its own,
    Flask checks only when a view reads the body."""
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit is not None and (request.content_length or 0) > limit:
        abort(413, f"The request body is larger than {limit} bytes.")


def _refuse_nul_in_the_url() -> None:
    """400 for a NUL character in the path or the query string: PostgreSQL refuses it in any
    text, so it would otherwise surface as a 500 from whichever query used it."""
    if "\x00" in request.path or any(
        "\x00" in key or any("\x00" in value for value in values)
        for key, values in request.args.lists()
    ):
        abort(400, "NUL characters are not accepted in URLs.")


class NulRefusingJSONProvider(DefaultJSONProvider):
    """Request bodies holding a NUL character (\\u0000) in any string are refused (400, as
    malformed JSON), for the same reason as in URLs."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        value = super().loads(s, **kwargs)
        if _holds_nul(value):
            raise ValueError("NUL characters (\\u0000) are not accepted.")
        return value


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(key) or _holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_holds_nul(item) for item in value)
    return False


def _add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    # A 204 has no body, so no type (Flask would still say text/html).
    if response.status_code == 204:
        response.headers.pop("Content-Type", None)
    seconds = current_app.config["HSTS_SECONDS"]
    if seconds and request.is_secure:
        hsts = f"max-age={seconds}"
        if current_app.config["HSTS_INCLUDE_SUBDOMAINS"]:
            hsts += "; includeSubDomains"
        if current_app.config["HSTS_PRELOAD"]:
            hsts += "; preload"
        response.headers.setdefault("Strict-Transport-Security", hsts)
    return response
