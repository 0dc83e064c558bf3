/** Client data: the card and the writes that change it (the list is the analytics list, features/analytics). */
import type { ClientCardT } from '../../../contract/card.js';
import type { ClientT, ClientUpdateT } from '../../../contract/clients.js';
import type { InteractionT } from '../../../contract/sales.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { EnumValue } from '../../lib/enums.js';
import { analyticsKeys } from '../analytics/keys.js';

export const clientKeys = {
  all: ['clients'] as const,
  card: (id: number) => ['clients', 'card', id] as const,
};

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
      // Status, region, industry and the manual category show in the analytics lists and the client's panel.
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.all });
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
    // The server keeps the client's figures in step with the write: fetch them again with the card.
    onSuccess: () => Promise.all([
      queryClient.invalidateQueries({ queryKey: clientKeys.card(clientId) }),
      queryClient.invalidateQueries({ queryKey: analyticsKeys.all }),
    ]),
  });
}
