import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's minimum recommendation. */
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });
export const verifyPassword = (passwordHash: string, password: string) =>
  verify(passwordHash, password).catch(() => false);

/** A random secret for a session or token; only its SHA-256 is stored. */
export const newSecret = () => randomBytes(32).toString('base64url');
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/**
 * A password for a person to type once and then change: 16 letters and digits in four groups
 * ("k7Rm-2vQx-…"), about 90 bits, without the look-alikes 0/O, 1/l/I.
 */
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function generatePassword(): string {
  const chars = Array.from({ length: 16 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]!);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

/** Session cookies and tokens name their organisation so the lookup stays on one tenant's rows. */
export function parseCredential(value: string, prefix = ''): { orgId: number; secret: string } | null {
  const m = new RegExp(`^${prefix}(\\d{1,15})[._]([A-Za-z0-9_-]{40,60})$`).exec(value);
  return m ? { orgId: Number(m[1]), secret: m[2]! } : null;
}
