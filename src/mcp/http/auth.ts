import { createHash, timingSafeEqual } from 'node:crypto';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** A configured bearer token; only its SHA-256 is kept in memory. */
export interface TokenEntry {
  name: string;
  sha256: Buffer;
  readOnly: boolean;
}

/** Scope that allows the action tools; without it a token is read-only. */
export const WRITE_SCOPE = 'storyline:write';
export const READ_SCOPE = 'storyline:read';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Parses "name:token[:ro],..." where token is the secret itself or "sha256:<64 hex>" (so a
 * config file need not hold the secret). Names identify tokens in logs and limits.
 */
export function parseTokens(spec: string): TokenEntry[] {
  const out: TokenEntry[] = [];
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const parts = raw.split(':');
    const name = parts[0] ?? '';
    const readOnly = parts[parts.length - 1] === 'ro';
    const body = parts.slice(1, readOnly ? -1 : undefined);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error(`token "${name}": names are 1-64 letters, digits, ".", "_" or "-"`);
    let hash: Buffer;
    if (body[0] === 'sha256' && body.length === 2 && /^[0-9a-f]{64}$/i.test(body[1] ?? '')) {
      hash = Buffer.from(body[1]!, 'hex');
    } else if (body.length === 1 && (body[0] ?? '').length >= 16) {
      hash = sha256(body[0]!);
    } else {
      throw new Error(`token "${name}": give name:secret (16 characters or more, no ":") or name:sha256:<64 hex>, optionally ending in :ro`);
    }
    if (out.some((t) => t.name === name)) throw new Error(`token name "${name}" appears twice`);
    out.push({ name, sha256: hash, readOnly });
  }
  return out;
}

/** OAuth 2.1 resource-server settings: tokens must come from this issuer, for this audience. */
export interface OAuthOptions {
  issuer: string;
  jwksUrl: string;
  audience: string;
}

/** Whether an authenticated caller may use action tools. */
export const canWrite = (auth: AuthInfo | undefined) => !!auth && auth.scopes.includes(WRITE_SCOPE);

/**
 * Verifies bearer tokens: configured static tokens (compared as SHA-256 digests in constant
 * time, every entry checked), then, when OAuth is configured, JWT access tokens signed by
 * the issuer's JWKS with this server as audience. A token issued for anyone else fails.
 */
export function createTokenVerifier(tokens: TokenEntry[], oauth?: OAuthOptions): OAuthTokenVerifier {
  const jwks = oauth ? createRemoteJWKSet(new URL(oauth.jwksUrl)) : null;
  // Static tokens never expire; the SDK's middleware insists on an expiry.
  const FAR_FUTURE = 32503680000;
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      const digest = sha256(token);
      let match: TokenEntry | undefined;
      for (const t of tokens) if (timingSafeEqual(t.sha256, digest) && !match) match = t;
      if (match) {
        return {
          token: '',
          clientId: `token:${match.name}`,
          scopes: match.readOnly ? [READ_SCOPE] : [READ_SCOPE, WRITE_SCOPE],
          expiresAt: FAR_FUTURE,
        };
      }
      if (jwks && oauth && token.split('.').length === 3) {
        try {
          const { payload } = await jwtVerify(token, jwks, { issuer: oauth.issuer, audience: oauth.audience });
          const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
          return {
            token: '',
            clientId: `jwt:${[payload.client_id, payload.azp, payload.sub].find((v): v is string => typeof v === 'string') ?? 'unknown'}`,
            scopes: scopes.includes(READ_SCOPE) || scopes.includes(WRITE_SCOPE) ? scopes : [READ_SCOPE],
            expiresAt: typeof payload.exp === 'number' ? payload.exp : NaN,
          };
        } catch (err) {
          throw new InvalidTokenError(`access token rejected: ${(err as Error).message}`);
        }
      }
      throw new InvalidTokenError('unknown or invalid bearer token');
    },
  };
}
