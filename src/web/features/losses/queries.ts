/** Lost clients: a client's loss records, marking lost, editing the lesson, and the Pareto of reasons. */
import type {
  ClientLossCreateT,
  ClientLossListQueryT,
  ClientLossPageT,
  ClientLossT,
  ClientLossUpdateT,
  LossParetoT,
} from '../../../contract/losses.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { refreshClient } from '../../lib/clientCard.js';

export type { ClientLossT, LossParetoT };
export type LossListQuery = Pick<ClientLossListQueryT, 'from' | 'to' | 'reason' | 'state' | 'page' | 'sort'>;

export const lossKeys = {
  all: ['losses'] as const,
  client: (clientId: number, status: string) => ['losses', 'client', clientId, status] as const,
  pareto: (from: string | null, to: string | null, by: string) => ['losses', 'pareto', from, to, by] as const,
  list: (query: LossListQuery) => ['losses', 'list', query] as const,
};

/**
 * The client's loss records, newest first. Keyed by the client's status too, so a status changed
 * elsewhere (made active by hand, won back by an order) reads the records again.
 */
export function useClientLosses(clientId: number, status: string) {
  return useQuery({
    queryKey: lossKeys.client(clientId, status),
    queryFn: ({ signal }) =>
      api<ClientLossPageT>('/losses', { query: { clientId, sort: '-lostOn', pageSize: 20 }, signal }),
  });
}

export function useLossPareto(from: string | null, to: string | null, by: 'count' | 'profit') {
  return useQuery({
    queryKey: lossKeys.pareto(from, to, by),
    queryFn: ({ signal }) => api<LossParetoT>('/losses/pareto', { query: { from, to, by }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useLossList(query: LossListQuery) {
  return useQuery({
    queryKey: lossKeys.list(query),
    queryFn: ({ signal }) => api<ClientLossPageT>('/losses', { query: { ...query, pageSize: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Marking lost changes the client (status), its analytics and every loss view. */
function useAfterLossWrite(clientId: number) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: lossKeys.all });
    return refreshClient(queryClient, clientId);
  };
}

export function useMarkLost(clientId: number) {
  const after = useAfterLossWrite(clientId);
  return useMutation({
    mutationFn: (body: ClientLossCreateT) => api<ClientLossT>(`/clients/${clientId}/loss`, { method: 'POST', body }),
    onSuccess: after,
  });
}

export function useUpdateLoss(clientId: number) {
  const after = useAfterLossWrite(clientId);
  return useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: ClientLossUpdateT }) =>
      api<ClientLossT>(`/losses/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: after,
  });
}
