/** Client shares: the managers a client is open to besides its owner. */
import type { ClientSharesT } from '../../../contract/access.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export const shareKeys = { of: (clientId: number) => ['clients', 'shares', clientId] as const };

export function useClientShares(clientId: number) {
  return useQuery({
    queryKey: shareKeys.of(clientId),
    queryFn: ({ signal }) => api<ClientSharesT>(`/clients/${clientId}/shares`, { signal }),
  });
}

export function useShareClient(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) =>
      api<ClientSharesT>(`/clients/${clientId}/shares`, { method: 'POST', body: { userId } }),
    onSuccess: (shares) => queryClient.setQueryData(shareKeys.of(clientId), shares),
  });
}

export function useUnshareClient(clientId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: number) => api<void>(`/clients/${clientId}/shares/${userId}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: shareKeys.of(clientId) }),
  });
}
