import type { Auth } from '../choices.js';
import type { Feature } from './types.js';

/**
 * One unit per `--auth` choice, applied right after the base. They are features in every way
 * but one: they are chosen by `--auth`, not listed in `--features`.
 */
export const AUTH_UNITS: Readonly<Record<Auth, Feature>> = {
  jwt: {
    id: 'auth-jwt',
    title: 'JWT authentication',
    description: 'Short-lived access tokens and rotated, revocable refresh tokens',
    frameworks: ['django'],
    default: false,
    folder: 'auth/jwt',
  },
  session: {
    id: 'auth-session',
    title: 'Session authentication',
    description: 'Server-side sessions with login/logout endpoints and CSRF protection',
    frameworks: ['django'],
    default: false,
    folder: 'auth/session',
  },
  oidc: {
    id: 'auth-oidc',
    title: 'OAuth2/OIDC resource server',
    description: 'Access tokens from an identity provider, verified against its JWKS',
    frameworks: ['django'],
    default: false,
    folder: 'auth/oidc',
  },
};
