/** Claims and wishes: reads and writes of /api/v1/claims, and the query keys they refresh. */
import type {
  ClaimCreateT,
  ClaimDetailT,
  ClaimListQueryT,
  ClaimPageT,
  ClaimSummaryQueryT,
  ClaimSummaryT,
  ClaimTransitionT,
  ClaimUpdateT,
} from '../../../contract/claims.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, type QueryValue } from '../../lib/api.js';

export type { ClaimDetailT, ClaimEventT, ClaimPageT, ClaimSummaryT, ClaimT } from '../../../contract/claims.js';

/** The list's filters as the API takes them (page and export options aside). */
export type ClaimFilters = Omit<ClaimListQueryT, 'format' | 'lang'>;

export const claimKeys = {
  all: ['claims'] as const,
  list: (query: ClaimFilters) => ['claims', 'list', query] as const,
  detail: (id: number) => ['claims', 'detail', id] as const,
  summary: (query: ClaimSummaryQueryT) => ['claims', 'summary', query] as const,
};

const asQuery = (query: object): Record<string, QueryValue> => query as Record<string, QueryValue>;

export function useClaims(query: ClaimFilters, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: claimKeys.list(query),
    queryFn: ({ signal }) => api<ClaimPageT>('/claims', { query: asQuery(query), signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function useClaim(id: number | null) {
  return useQuery({
    queryKey: claimKeys.detail(id ?? 0),
    queryFn: ({ signal }) => api<ClaimDetailT>(`/claims/${id}`, { signal }),
    enabled: id !== null,
  });
}

export function useClaimSummary(query: ClaimSummaryQueryT) {
  return useQuery({
    queryKey: claimKeys.summary(query),
    queryFn: ({ signal }) => api<ClaimSummaryT>('/claims/summary', { query: asQuery(query), signal }),
    placeholderData: keepPreviousData,
  });
}

/** After a write every list and summary may have changed; the written claim is known at once. */
function refresh(queryClient: QueryClient, claim?: ClaimDetailT): Promise<unknown> {
  if (claim) queryClient.setQueryData(claimKeys.detail(claim.id), claim);
  return queryClient.invalidateQueries({
    queryKey: claimKeys.all,
    predicate: (q) => q.queryKey[1] !== 'detail' || q.queryKey[2] !== claim?.id,
  });
}

export function useCreateClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClaimCreateT) => api<ClaimDetailT>('/claims', { method: 'POST', body }),
    onSuccess: (claim) => refresh(queryClient, claim),
  });
}

export function useUpdateClaim(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClaimUpdateT) => api<ClaimDetailT>(`/claims/${id}`, { method: 'PATCH', body }),
    onSuccess: (claim) => refresh(queryClient, claim),
  });
}

export function useTransitionClaim(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClaimTransitionT) => api<ClaimDetailT>(`/claims/${id}/transition`, { method: 'POST', body }),
    onSuccess: (claim) => refresh(queryClient, claim),
  });
}

export function useDeleteClaim() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<void>(`/claims/${id}`, { method: 'DELETE' }),
    onSuccess: (_none, id) => {
      queryClient.removeQueries({ queryKey: claimKeys.detail(id) });
      return refresh(queryClient);
    },
  });
}
