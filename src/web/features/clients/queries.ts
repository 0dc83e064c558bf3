/** Client data: the list, the card, and the writes that change them. */
import type { ClientCardT } from '../../../contract/card.js';
import type { ClientPageT, ClientT, ClientUpdateT } from '../../../contract/clients.js';
import type { InteractionT } from '../../../contract/sales.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { ClientStatus, EnumValue } from '../../lib/enums.js';

export const PAGE_SIZE = 50;
export const sortFields = ['name', 'status', 'region', 'industry', 'updatedAt', 'createdAt'] as const;
export type SortField = (typeof sortFields)[number];
export type Sort = { field: SortField; desc: boolean };

export interface ClientListParams {
  q: string;
  status: ClientStatus | null;
  page: number;
  sort: Sort;
}

export const sortToParam = (sort: Sort): string => `${sort.desc ? '-' : ''}${sort.field}`;
export function sortFromParam(value: string | null): Sort | null {
  if (!value) return null;
  const desc = value.startsWith('-');
  const field = desc ? value.slice(1) : value;
  return (sortFields as readonly string[]).includes(field) ? { field: field as SortField, desc } : null;
}

export const clientKeys = {
  all: ['clients'] as const,
  list: (p: ClientListParams) => ['clients', 'list', { q: p.q, status: p.status, page: p.page, sort: sortToParam(p.sort) }] as const,
  card: (id: number) => ['clients', 'card', id] as const,
};

export function useClientList(params: ClientListParams) {
  return useQuery({
    queryKey: clientKeys.list(params),
    queryFn: ({ signal }) => api<ClientPageT>('/clients', {
      signal,
      query: { q: params.q.trim() || undefined, status: params.status, page: params.page, pageSize: PAGE_SIZE, sort: sortToParam(params.sort) },
    }),
    placeholderData: keepPreviousData,
  });
}

export function useClientCard(id: number | null) {
  return useQuery({
    queryKey: clientKeys.card(id ?? 0),
    queryFn: ({ signal }) => api<ClientCardT>(`/clients/${id}/card`, { signal }),
    enabled: id !== null,
  });
}

export function useUpdateClient(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ClientUpdateT) => api<ClientT>(`/clients/${id}`, { method: 'PATCH', body: patch }),
    onSuccess: (client) => {
      queryClient.setQueryData<ClientCardT>(clientKeys.card(id), (card) => (card ? { ...card, client } : card));
      void queryClient.invalidateQueries({ queryKey: clientKeys.all });
    },
  });
}

export interface InteractionInput {
  clientId: number;
  contactId: number | null;
  kind: EnumValue<'interactionKind'>;
  occurredAt: string;
  durationMinutes: number;
  moneySpent: string;
  outcome: string | null;
  notes: string | null;
}

export function useAddInteraction(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InteractionInput) => api<InteractionT>('/interactions', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientKeys.card(clientId) }),
  });
}
