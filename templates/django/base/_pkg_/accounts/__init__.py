"""Users and roles: RBAC every auth choice shares, /api/v1/auth/me/, create_user."""
