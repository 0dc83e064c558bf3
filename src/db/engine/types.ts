/** What the rest of the code needs from a database engine; PGlite and PostgreSQL both provide it. */
export type EngineKind = 'pglite' | 'postgres';

export type QueryResult<T> = { rows: T[]; rowCount: number };

export type QueryOptions = {
  rowMode?: 'array';
  /**
   * Keep the statement prepared on its connection (PostgreSQL; PGlite ignores it): for a long statement
   * run again and again with other parameters — the upkeep of a client after each write — whose planning
   * costs more than its run. Only for text fixed by code (a bounded set per process): each distinct text
   * stays prepared on every connection that ran it. 'generic' also plans it once for any parameters
   * (inside a transaction; PostgreSQL's own choice keeps re-planning a statement whose generic plan it
   * cannot cost well): only where a generic plan was measured to be as good.
   */
  prepare?: boolean | 'generic';
};

export type Engine = {
  readonly kind: EngineKind;
  /** Runs one statement; inside `transaction` it runs on the transaction's connection. */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], options?: QueryOptions): Promise<QueryResult<T>>;
  /** Runs several statements separated by semicolons, without parameters (migrations). */
  exec(text: string): Promise<void>;
  /**
   * Runs `work` in one transaction: every query it makes (through this engine, in the same async
   * context) sees the transaction; a throw rolls all of it back. Nested calls join the outer one.
   */
  transaction<T>(work: () => Promise<T>): Promise<T>;
  /** Bulk load of CSV text (no header) into `table (columns)`: COPY, never row inserts. Chunks are text or UTF-8 bytes. */
  copyCsv(table: string, columns: readonly string[], chunks: AsyncIterable<string | Uint8Array>): Promise<void>;
  close(): Promise<void>;
};

/** A database error carried across the worker boundary with the fields the error mapper needs. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly constraint?: string,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}
