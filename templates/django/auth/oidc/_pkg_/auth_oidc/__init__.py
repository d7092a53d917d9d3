"""OAuth2/OIDC resource server: bearer access tokens from an identity provider, verified
against its JWKS; users and their roles come from the token."""
