/** Query keys that more than one feature reads or invalidates. */

/**
 * The analytics. Everything under ['analytics'] is computed from the client base, so any write that
 * changes clients, orders or interactions invalidates the whole prefix.
 */
export const analyticsKeys = {
  all: ['analytics'] as const,
  summary: ['analytics', 'summary'] as const,
  list: (query: Record<string, string | number | undefined>) => ['analytics', 'clients', query] as const,
  client: (id: number) => ['analytics', 'client', id] as const,
  matrix: (basis: string) => ['analytics', 'matrix', basis] as const,
  rfm: ['analytics', 'rfm'] as const,
  whale: ['analytics', 'whale'] as const,
  insignificant: (query: Record<string, string | number | undefined>) => ['analytics', 'insignificant', query] as const,
  ladder: (from: string | null, to: string | null) => ['analytics', 'ladder', from, to] as const,
  cohorts: ['analytics', 'cohorts'] as const,
  retention: (grain: string) => ['analytics', 'retention', grain] as const,
  settings: ['analytics', 'settings'] as const,
};

/** The clients: `card` is the client card (GET /clients/:id/card); a write to a client invalidates `all`. */
export const clientKeys = {
  all: ['clients'] as const,
  card: (id: number) => ['clients', 'card', id] as const,
  duplicates: (page: number, pageSize: number) => ['clients', 'duplicate-requisites', page, pageSize] as const,
  /** A client's documents and payments, a page at a time (the card's tabs), and one document with its lines. */
  orders: (id: number, query: Record<string, string | number | undefined>) => ['clients', 'orders', id, query] as const,
  payments: (id: number, query: Record<string, string | number | undefined>) =>
    ['clients', 'payments', id, query] as const,
  order: (id: number) => ['clients', 'order', id] as const,
  /** The regions or industries the client list offers as filters. */
  fieldValues: (field: string, q: string) => ['clients', 'field-values', field, q] as const,
};
