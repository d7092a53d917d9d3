"""JWT authentication: token, refresh (rotated, reuse detected) and logout endpoints."""
