import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dataDirLayout } from '../data-dir.js';

/** Encrypts signing secrets at rest (AES-256-GCM); the key never sits in the database. */
export interface SecretBox {
  seal(secret: string): string;
  open(sealed: string): string;
}

/** A new Standard Webhooks signing secret: "whsec_" and 32 random bytes in base64. */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

/**
 * Loads the data directory's key file (created with mode 0600 on first use), or takes the
 * key from `keyBase64` (STORYLINE_SECRET_KEY) so it can live outside the data directory.
 */
export function openSecretBox(dataDir: string, keyBase64?: string): SecretBox {
  let key: Buffer;
  if (keyBase64) {
    key = Buffer.from(keyBase64, 'base64');
    if (key.length !== 32) throw new Error('STORYLINE_SECRET_KEY must be 32 bytes in base64');
  } else {
    const file = dataDirLayout(dataDir).secretKey;
    if (!existsSync(file)) {
      mkdirSync(dataDir, { recursive: true });
      try {
        const fd = openSync(file, 'wx', 0o600);
        writeSync(fd, randomBytes(32).toString('base64'));
        closeSync(fd);
      } catch (err) {
        // Another process created it first; use theirs.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  return {
    seal(secret) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
      return `v1:${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
    },
    open(sealed) {
      const [v, iv, tag, ct] = sealed.split(':');
      if (v !== 'v1' || !iv || !tag || !ct) throw new Error('sealed secret has an unknown format');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
    },
  };
}
