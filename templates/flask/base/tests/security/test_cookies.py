"""HDR-6: the session cookie is __Host- prefixed, Secure, HttpOnly and SameSite."""

from http.cookies import SimpleCookie


def set_cookies(client) -> SimpleCookie:
    cookies = SimpleCookie()
    for header in client.get("/probe/cookies/").headers.getlist("Set-Cookie"):
        cookies.load(header)
    return cookies


def test_session_cookie_is_host_prefixed_secure_http_only_and_same_site(https_client):
    cookie = set_cookies(https_client)["__Host-session"]
    assert cookie["secure"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"
    assert not cookie["domain"]


def test_only_the_host_prefixed_cookie_is_set(https_client):
    assert list(set_cookies(https_client)) == ["__Host-session"]
