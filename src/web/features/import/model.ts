/**
 * The import wizard's rules that need no screen: the kinds and their fields (from core), a column
 * mapping as the person edits it, what required fields it still lacks (core's rule, so the
 * browser and the server agree), saved mappings applied by header, and the reading options.
 */
import type { ImportJobT, ReadingT, SavedMappingT } from '../../../contract/imports.js';
import {
  importFields,
  importKinds,
  missingRequired,
  normalizeHeader,
  type FieldSpec,
  type ImportKind,
} from '../../../core/import/fields.js';

export { importKinds, type ImportKind };

/** column index → field key, or null for a column that is not imported. */
export type Mapping = (string | null)[];

export const isImportKind = (value: unknown): value is ImportKind =>
  typeof value === 'string' && (importKinds as readonly string[]).includes(value);

export const fieldsOf = (kind: ImportKind): readonly FieldSpec[] => importFields[kind];

const isFieldOf = (kind: ImportKind, key: string): boolean => importFields[kind].some((f) => f.key === key);

/** Required fields no column fills yet: core's `missingRequired`, including sales' "price|amount". */
export function missingFields(kind: ImportKind, mapping: Mapping): string[] {
  return missingRequired(kind, mapping);
}

/**
 * The mapping with `field` put on `column`. A field fills one column only (the server refuses a field
 * twice), so a column that had it loses it.
 */
export function assignField(mapping: Mapping, column: number, field: string | null): Mapping {
  return mapping.map((current, i) => (i === column ? field : field !== null && current === field ? null : current));
}

/**
 * A saved mapping (by normalised header) over this file's headers: a column gets the field saved
 * for its header, if that field belongs to the kind and no earlier column took it.
 */
export function applySavedMapping(
  saved: Pick<SavedMappingT, 'columns'>,
  kind: ImportKind,
  headers: readonly string[],
): Mapping {
  const taken = new Set<string>();
  return headers.map((header) => {
    const field = saved.columns[normalizeHeader(header)];
    if (!field || !isFieldOf(kind, field) || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/** A mapping from the server kept only with fields of the kind, the length of the headers. */
export function cleanMapping(kind: ImportKind, mapping: readonly (string | null)[], columns: number): Mapping {
  return Array.from({ length: columns }, (_, i) => {
    const field = mapping[i] ?? null;
    return field !== null && isFieldOf(kind, field) ? field : null;
  });
}

export const sameHeaders = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((h, i) => h === b[i]);

export const mappedCount = (mapping: Mapping): number => mapping.filter((m) => m !== null).length;

// ---- reading options ---------------------------------------------------------------------------
export const encodings = ['utf-8', 'windows-1251', 'utf-16le'] as const;
export type Encoding = (typeof encodings)[number];
/** Delimiters as the API takes them, and as the inspection's details name them ('tab'). */
export const delimiters = [';', ',', '\t', '|'] as const;
export type Delimiter = (typeof delimiters)[number];

export const encodingKey = {
  'utf-8': 'utf8',
  'windows-1251': 'windows1251',
  'utf-16le': 'utf16le',
} as const satisfies Record<Encoding, string>;
export const delimiterKey = { ';': 'semicolon', ',': 'comma', '\t': 'tab', '|': 'pipe' } as const satisfies Record<
  Delimiter,
  string
>;

export const isEncoding = (v: unknown): v is Encoding =>
  typeof v === 'string' && (encodings as readonly string[]).includes(v);
/** The inspection's `details.delimiter` ("tab" for a tab) as the API's value. */
export function toDelimiter(detail: string | undefined): Delimiter | undefined {
  const v = detail === 'tab' ? '\t' : detail;
  return (delimiters as readonly (string | undefined)[]).includes(v) ? (v as Delimiter) : undefined;
}

/** The sheets of an XLSX file, from the inspection's details (a JSON list). */
export function sheetsOf(details: Record<string, string>): string[] {
  try {
    const parsed: unknown = JSON.parse(details.sheets ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

/** The reading options the inspection found, as the form edits them (every one stated). */
export function readingFromInspection(format: string, details: Record<string, string>, headerRow: number): ReadingT {
  const reading: ReadingT = { headerRow };
  if (format === 'csv') {
    if (isEncoding(details.encoding)) reading.encoding = details.encoding;
    const delimiter = toDelimiter(details.delimiter);
    if (delimiter) reading.delimiter = delimiter;
  }
  if (format === 'xlsx' && details.sheet) reading.sheet = details.sheet;
  return reading;
}

// ---- jobs -----------------------------------------------------------------------------------------
export const isRunning = (job: Pick<ImportJobT, 'status'> | undefined): boolean =>
  job?.status === 'running' || job?.status === 'queued';

/** The job's status as the history labels it: a finished dry run is "checked". */
export function statusKey(
  job: Pick<ImportJobT, 'status' | 'dryRun'>,
): 'running' | 'done' | 'checked' | 'rejected' | 'failed' {
  if (isRunning(job)) return 'running';
  if (job.status === 'done') return job.dryRun ? 'checked' : 'done';
  if (job.status === 'rejected') return 'rejected';
  return 'failed';
}

/** How far the job has got, 0..100 (bytes of the file read). */
export function progressPercent(job: Pick<ImportJobT, 'bytesDone' | 'bytesTotal' | 'phase'>): number {
  if (job.phase === 'writing' || job.phase === 'analytics') return 100;
  if (job.bytesTotal <= 0) return 0;
  return Math.max(0, Math.min(100, (job.bytesDone / job.bytesTotal) * 100));
}

/** The counts of an outcome in the order people read them; unknown keys (a newer server) last. */
export const outcomeOrder = [
  'documentsCreated',
  'documentsUpdated',
  'documentsUnchanged',
  'linesWritten',
  'returns',
  'cancelled',
  'clientsCreated',
  'clientsMatched',
  'productsCreated',
  'productsMatched',
  'created',
  'updated',
  'unchanged',
  'analytics',
] as const;
export type OutcomeKey = (typeof outcomeOrder)[number];
export const isOutcomeKey = (key: string): key is OutcomeKey => (outcomeOrder as readonly string[]).includes(key);

export function outcomeEntries(outcome: Record<string, number | string>): [string, number | string][] {
  const known = outcomeOrder.filter((k) => k in outcome).map((k) => [k, outcome[k]!] as [string, number | string]);
  const other = Object.entries(outcome).filter(([k]) => !isOutcomeKey(k));
  return [...known, ...other];
}
