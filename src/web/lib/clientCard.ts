/**
 * The client card (GET /clients/:id/card): read by the card and by the tabs and drawers that show a
 * client's contacts and orders; refreshed after any write that changes a client.
 */
import type { ClientCardT } from '../../contract/card.js';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { api } from './api.js';
import { analyticsKeys, clientKeys } from './queryKeys.js';

export function useClientCard(id: number | null) {
  return useQuery({
    queryKey: clientKeys.card(id ?? 0),
    queryFn: ({ signal }) => api<ClientCardT>(`/clients/${id}/card`, { signal }),
    enabled: id !== null,
  });
}

/**
 * After any write to a client: the analytics (lists, panel, figures) are refreshed in the background,
 * and the promise settles once the open card shows the change, so a form closes onto the new values.
 */
export function refreshClient(queryClient: QueryClient, clientId: number): Promise<unknown> {
  void queryClient.invalidateQueries({ queryKey: analyticsKeys.all });
  // Other cards may show this client (its name in their links): stale, fetched again when opened.
  void queryClient.invalidateQueries({ queryKey: clientKeys.all, refetchType: 'none' });
  return queryClient.invalidateQueries({ queryKey: clientKeys.card(clientId) });
}
