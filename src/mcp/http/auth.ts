import { createHash, timingSafeEqual } from 'node:crypto';
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import type { Caller } from '../../actions/caller.js';

/** A configured bearer token; only its SHA-256 is kept in memory. */
export interface TokenEntry {
  name: string;
  sha256: Buffer;
  readOnly: boolean;
  /** Sees and changes every caller's subscriptions. */
  admin: boolean;
}

/** Scope that allows the action tools; without it a token is read-only. */
export const WRITE_SCOPE = 'storyline:write';
export const READ_SCOPE = 'storyline:read';
/** Scope of an admin, who acts on every caller's subscriptions; it implies read and write. */
export const ADMIN_SCOPE = 'storyline:admin';

const sha256 = (s: string) => createHash('sha256').update(s).digest();

/**
 * Parses "name:token[:ro|:admin],..." where token is the secret itself or "sha256:<64 hex>"
 * (so a config file need not hold the secret). Names identify tokens in logs and limits, and
 * own what the token creates.
 */
export function parseTokens(spec: string): TokenEntry[] {
  const out: TokenEntry[] = [];
  for (const raw of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const parts = raw.split(':');
    const name = parts[0] ?? '';
    const suffix = parts.length > 2 ? parts[parts.length - 1] : undefined;
    const readOnly = suffix === 'ro';
    const admin = suffix === 'admin';
    const body = parts.slice(1, readOnly || admin ? -1 : undefined);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new Error(`token "${name}": names are 1-64 letters, digits, ".", "_" or "-"`);
    let hash: Buffer;
    if (body[0] === 'sha256' && body.length === 2 && /^[0-9a-f]{64}$/i.test(body[1] ?? '')) {
      hash = Buffer.from(body[1]!, 'hex');
    } else if (body.length === 1 && (body[0] ?? '').length >= 16) {
      hash = sha256(body[0]!);
    } else {
      throw new Error(`token "${name}": give name:secret (16 characters or more, no ":") or name:sha256:<64 hex>, optionally ending in :ro or :admin`);
    }
    if (out.some((t) => t.name === name)) throw new Error(`token name "${name}" appears twice`);
    out.push({ name, sha256: hash, readOnly, admin });
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

/** AuthInfo for a caller: the verifier records the owner key in `extra`, where callerOf reads it. */
export function authInfoFor(clientId: string, owner: string, scopes: string[], expiresAt: number): AuthInfo {
  return { token: '', clientId, scopes, expiresAt, extra: { owner, admin: scopes.includes(ADMIN_SCOPE) } };
}

/**
 * The caller a verified request acts for: "token:<name>", "oauth:<sub>" or "anonymous". It is
 * the key for session binding, per-caller limits and ownership. Throws when the request carries
 * no owner, which only a missing authentication step could cause.
 */
export function callerOf(auth: AuthInfo | undefined): Caller {
  const owner = auth?.extra?.owner;
  if (typeof owner !== 'string' || owner === '') throw new Error('request has no authenticated caller');
  return { owner, admin: auth?.extra?.admin === true };
}

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
        const scopes = match.readOnly ? [READ_SCOPE] : match.admin ? [READ_SCOPE, WRITE_SCOPE, ADMIN_SCOPE] : [READ_SCOPE, WRITE_SCOPE];
        return authInfoFor(`token:${match.name}`, `token:${match.name}`, scopes, FAR_FUTURE);
      }
      if (jwks && oauth && token.split('.').length === 3) {
        let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
        try {
          ({ payload } = await jwtVerify(token, jwks, { issuer: oauth.issuer, audience: oauth.audience }));
        } catch (err) {
          throw new InvalidTokenError(`access token rejected: ${(err as Error).message}`);
        }
        // Sessions, limits and ownership belong to the user (sub), never to the OAuth client,
        // which many users share.
        if (typeof payload.sub !== 'string' || payload.sub === '') {
          throw new InvalidTokenError('access token rejected: it has no sub claim (Storyline binds sessions and subscriptions to the subject)');
        }
        const granted = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [];
        const scopes = granted.includes(ADMIN_SCOPE)
          ? [...new Set([...granted, READ_SCOPE, WRITE_SCOPE])]
          : granted.includes(READ_SCOPE) || granted.includes(WRITE_SCOPE) ? granted : [READ_SCOPE];
        const client = [payload.client_id, payload.azp].find((v): v is string => typeof v === 'string') ?? payload.sub;
        return authInfoFor(`jwt:${client}`, `oauth:${payload.sub}`, scopes, typeof payload.exp === 'number' ? payload.exp : NaN);
      }
      throw new InvalidTokenError('unknown or invalid bearer token');
    },
  };
}
