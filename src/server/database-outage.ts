/**
 * Telling "the database cannot be reached" from every other failure, so the API answers 503 (try
 * again) instead of 500 (a bug) while PostgreSQL restarts, is stopped or the network to it is cut.
 */
import { acceptedLanguage, translate } from '../core/messages/index.js';

/** Socket-level failures of a connection to the database (Node's error codes). */
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

/**
 * SQLSTATEs of a database going away: class 08 (connection exception), 57P01–57P03 (administrator
 * or crash shutdown, cannot connect now: a restart), and class 53 (insufficient resources, such as
 * too many connections), after which a retry may well succeed.
 */
const sqlStates = /^(08[0-9A-Z]{3}|57P0[1-3]|53[0-9A-Z]{3})$/;

/** What node-postgres and pg-pool say when a connection breaks or cannot be made in time. */
const messages =
  /connection terminated|timeout exceeded when trying to connect|not queryable|connection refused|database is closed|cannot use a pool after calling end|server closed the connection unexpectedly/i;

/** True when `error`, or anything it wraps (Drizzle's cause, an AggregateError of IPv4/IPv6 attempts), says the database is unreachable. */
export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (socketCodes.has(e.code) || sqlStates.test(e.code))) return true;
  // Drizzle's wrapper carries the SQL text in its message; only the database's own error (the cause) is judged by words.
  if (typeof e.message === 'string' && !e.message.startsWith('Failed query:') && messages.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnreachable(x, depth + 1))) return true;
  return isDatabaseUnreachable(e.cause, depth + 1);
}

/** Seconds a client should wait before trying again (the Retry-After header of the 503). */
export const retryAfterSeconds = 5;

/** The 503's detail in the caller's language: Russian when Accept-Language prefers it, else English. */
export function unreachableDetail(acceptLanguage: string | undefined): string {
  return translate(acceptedLanguage(acceptLanguage), 'problem.unreachable');
}

/** The code or message that made `error` an outage, for the log: never the SQL or its parameters (they may hold personal data). */
export function outageReason(error: unknown, depth = 0): string {
  if (!error || typeof error !== 'object' || depth > 5) return 'unknown';
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && (socketCodes.has(e.code) || sqlStates.test(e.code))) return e.code;
  if (typeof e.message === 'string' && !e.message.startsWith('Failed query:') && messages.test(e.message))
    return e.message.match(messages)![0];
  const inner = Array.isArray(e.errors) ? e.errors.find((x) => isDatabaseUnreachable(x, depth + 1)) : undefined;
  return outageReason(inner ?? e.cause, depth + 1);
}
