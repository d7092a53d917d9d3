/**
 * A fake OAuth2/OIDC identity provider for the contract suite: its own RSA and EC keys, a JWKS
 * served on 127.0.0.1 (counting the requests it gets) and access tokens minted like a real
 * provider's. The server under test is pointed at it with OIDC_ISSUER, OIDC_AUDIENCE and
 * OIDC_JWKS_URL.
 */
import { createHmac, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Claims = Record<string, unknown>;

const segment = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');

interface SigningKey {
  alg: 'RS256' | 'ES256';
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export class IdentityProvider {
  readonly issuer = 'https://idp.contract.test/realms/contract';
  readonly audience = 'contract-api';
  /** Requests the JWKS endpoint has answered. */
  jwksRequests = 0;
  private readonly keys: Record<string, SigningKey> = {
    'rsa-1': { alg: 'RS256', ...generateKeyPairSync('rsa', { modulusLength: 2048 }) },
    'ec-1': { alg: 'ES256', ...generateKeyPairSync('ec', { namedCurve: 'P-256' }) },
  };
  private server: Server | undefined;
  private port = 0;

  get jwksUrl(): string {
    return `http://127.0.0.1:${this.port}/jwks`;
  }

  /** The variables that point the server under test at this provider. */
  get env(): Record<string, string> {
    return { OIDC_ISSUER: this.issuer, OIDC_AUDIENCE: this.audience, OIDC_JWKS_URL: this.jwksUrl };
  }

  async start(): Promise<void> {
    const jwks = JSON.stringify({
      keys: Object.entries(this.keys).map(([kid, key]) => ({ ...key.publicKey.export({ format: 'jwk' }), kid, alg: key.alg, use: 'sig' })),
    });
    this.server = createServer((_request, response) => {
      this.jwksRequests += 1;
      response.writeHead(200, { 'Content-Type': 'application/json' }).end(jwks);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Claims of a valid access token for `sub` with these roles, overridden by `extra`. */
  claims(sub: string, roles: readonly string[], extra: Claims = {}): Claims {
    const now = Math.floor(Date.now() / 1000);
    return { iss: this.issuer, aud: this.audience, sub, roles, iat: now, nbf: now, exp: now + 300, ...extra };
  }

  /** A token signed with one of the provider's keys (RS256 for rsa-1, ES256 for ec-1). */
  mint(claims: Claims, kid = 'rsa-1', header: Record<string, unknown> = {}): string {
    const key = this.keys[kid] ?? this.keys['rsa-1'];
    if (key === undefined) throw new Error('no key');
    const input = `${segment({ alg: key.alg, typ: 'JWT', kid, ...header })}.${segment(claims)}`;
    const signature =
      key.alg === 'RS256'
        ? sign('sha256', Buffer.from(input), key.privateKey)
        : sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
    return `${input}.${signature.toString('base64url')}`;
  }

  /** A token with `"alg": "none"` and no signature. */
  unsigned(claims: Claims, kid = 'rsa-1'): string {
    return `${segment({ alg: 'none', typ: 'JWT', kid })}.${segment(claims)}.`;
  }

  /** Algorithm confusion: HS256 with the provider's RSA public key (PEM) as the HMAC secret. */
  hs256WithPublicKey(claims: Claims, kid = 'rsa-1'): string {
    const pem = this.keys[kid]?.publicKey.export({ format: 'pem', type: 'spki' }) ?? '';
    const input = `${segment({ alg: 'HS256', typ: 'JWT', kid })}.${segment(claims)}`;
    return `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`;
  }
}
