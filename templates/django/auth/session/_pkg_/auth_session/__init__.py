"""Session authentication: login, logout and CSRF endpoints, idle and absolute timeouts."""
