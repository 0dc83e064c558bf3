/** The audit log: a client's history and the organisation's whole log (the owner's). */
import type { AuditPageT, AuditQueryT, ClientHistoryQueryT } from '../../../contract/audit.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryValue } from '../../lib/api.js';

export type { AuditEntryT, AuditPageT } from '../../../contract/audit.js';

/** The log's filters as the API takes them (export options aside). */
export type AuditFilters = Omit<AuditQueryT, 'format' | 'lang'>;

const asQuery = (query: object): Record<string, QueryValue> => query as Record<string, QueryValue>;

export function useClientHistory(clientId: number, query: ClientHistoryQueryT) {
  return useQuery({
    queryKey: ['audit', 'client', clientId, query] as const,
    queryFn: ({ signal }) => api<AuditPageT>(`/clients/${clientId}/history`, { query: asQuery(query), signal }),
    placeholderData: keepPreviousData,
    // Every write elsewhere may add a row; the history is read when the tab is opened.
    staleTime: 0,
  });
}

export function useAuditLog(query: AuditFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: ['audit', 'log', query] as const,
    queryFn: ({ signal }) => api<AuditPageT>('/audit', { query: asQuery(query), signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
    enabled: options.enabled ?? true,
  });
}
