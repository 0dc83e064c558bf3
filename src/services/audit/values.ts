/**
 * What an audit row keeps of a record: the values as the API shows them (camelCase fields, money as
 * decimal rouble strings "1234.50", dates ISO), never a secret, and for a change only the fields that
 * changed. Pure, so the rules are tested without a database.
 */

/** A record's values as stored in `audit_log.before` / `after`. */
export type AuditValues = Record<string, unknown>;

/**
 * Keys never written: credentials (password and secret hashes, tokens) whatever the record, matched by
 * name so a column added later is covered too; "password" itself when a change names it.
 */
const SECRET = /(password|secret|token|hash)/i;

/**
 * Bookkeeping that is not a change a person made (the ids, in their own columns; tenant; the row's
 * timestamps; search text), and the names of referenced records that reads join in (the id is kept).
 */
const NOISE = new Set([
  'id',
  'orgId',
  'createdAt',
  'updatedAt',
  'searchText',
  'searchVector',
  'lastUsedAt',
  'clientName',
  'contactName',
  'userName',
  'ownerName',
  'responsibleName',
  'productName',
  'wonBackOrderNumber',
  'orderNumber',
]);

export const isSecretKey = (key: string): boolean => SECRET.test(key);

/** JSON-safe: dates as ISO strings, bigint as numbers, undefined left out; nested objects and arrays kept. */
function plain(value: unknown): unknown {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((v) => plain(v) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (isSecretKey(k)) continue;
      const p = plain(v);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return value;
}

/** A record's values without secrets and bookkeeping; `dropEmpty` leaves out nulls and empty lists (a created or deleted record). */
export function cleanValues(values: Record<string, unknown> | null | undefined, dropEmpty = false): AuditValues {
  const out: AuditValues = {};
  if (!values) return out;
  for (const [k, v] of Object.entries(values)) {
    if (NOISE.has(k) || isSecretKey(k)) continue;
    const p = plain(v);
    if (p === undefined) continue;
    if (dropEmpty && (p === null || p === '' || (Array.isArray(p) && p.length === 0))) continue;
    out[k] = p;
  }
  return out;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between two states of a record, each side holding only those fields (a field
 * absent on one side reads as null). Both empty when nothing changed.
 */
export function changedValues(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): { before: AuditValues; after: AuditValues } {
  const b = cleanValues(before);
  const a = cleanValues(after);
  const out = { before: {} as AuditValues, after: {} as AuditValues };
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    if (same(b[key], a[key])) continue;
    out.before[key] = b[key] ?? null;
    out.after[key] = a[key] ?? null;
  }
  return out;
}

/**
 * The before/after pair of one audit row by action: a creation keeps what was set (after only), a
 * deletion what was there (before only), a change or transition only the fields that changed (null
 * when none did: nothing to record), anything else (an import's counts, a revocation) as given.
 */
export function auditPair(
  action: string,
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): { before: AuditValues | null; after: AuditValues | null } | null {
  if (action === 'create') return { before: null, after: cleanValues(after, true) };
  if (action === 'delete') return { before: cleanValues(before, true), after: null };
  if (before && after) {
    const d = changedValues(before, after);
    if (Object.keys(d.after).length === 0) return action === 'update' ? null : { before: null, after: null };
    return d;
  }
  return { before: before ? cleanValues(before) : null, after: after ? cleanValues(after) : null };
}
