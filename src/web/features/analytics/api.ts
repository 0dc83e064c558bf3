/**
 * The analytics API (/api/v1/analytics): types taken from the contract, and the queries and writes the
 * report pages use (the figures and the client list by figures are in lib/figures). Money is decimal
 * roubles everywhere, as in the rest of the API.
 */
import type {
  AnalyticsSettingsView,
  AnalyticsSummary,
  ClientAnalytics,
  Cohorts,
  Flows,
  Funnel,
  Insignificant,
  Matrix,
  RefreshResult,
  RfmMap,
  Whale,
} from '../../../contract/analytics.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api } from '../../lib/api.js';
import type { ClientFiguresItem, Figures } from '../../lib/figures.js';
import { analyticsKeys } from '../../lib/queryKeys.js';
import { can } from '../../../core/access/permissions.js';

export type ClientAnalyticsT = Omit<Static<typeof ClientAnalytics>, 'figures'> & { figures: Figures };
export type SummaryT = Static<typeof AnalyticsSummary>;
export type FlowPeriodT = SummaryT['quarters'][number];
export type MatrixT = Static<typeof Matrix>;
export type RfmMapT = Static<typeof RfmMap>;
export type WhaleT = Static<typeof Whale>;
export type FunnelT = Static<typeof Funnel>;
export type CohortsT = Static<typeof Cohorts>;
export type FlowsT = Static<typeof Flows>;
export type InsignificantT = Omit<Static<typeof Insignificant>, 'items'> & { items: ClientFiguresItem[] };
export type RefreshResultT = Static<typeof RefreshResult>;
/** The settings as the API gives them (the manager hour in roubles). */
export type AnalyticsSettings = AnalyticsSettingsView;
/** A change as the API takes it. */
export type AnalyticsSettingsChangeT = Partial<AnalyticsSettings>;

// ---- reports --------------------------------------------------------------------------------------
export function useSummary() {
  return useQuery({
    queryKey: analyticsKeys.summary,
    queryFn: ({ signal }) => api<SummaryT>('/analytics/summary', { signal }),
  });
}

export function useClientAnalytics(id: number) {
  return useQuery({
    queryKey: analyticsKeys.client(id),
    queryFn: ({ signal }) => api<ClientAnalyticsT>(`/analytics/clients/${id}`, { signal }),
  });
}

export function useMatrix(basis: MatrixT['basis']) {
  return useQuery({
    queryKey: analyticsKeys.matrix(basis),
    queryFn: ({ signal }) => api<MatrixT>('/analytics/matrix', { signal, query: { basis } }),
  });
}

export function useRfm() {
  return useQuery({ queryKey: analyticsKeys.rfm, queryFn: ({ signal }) => api<RfmMapT>('/analytics/rfm', { signal }) });
}

export function useWhale() {
  return useQuery({
    queryKey: analyticsKeys.whale,
    queryFn: ({ signal }) => api<WhaleT>('/analytics/whale', { signal }),
  });
}

export function useInsignificant(query: { page: number; pageSize: number; sort?: string | undefined }) {
  const key = { ...query };
  return useQuery({
    queryKey: analyticsKeys.insignificant(key),
    queryFn: ({ signal }) => api<InsignificantT>('/analytics/insignificant', { signal, query: key }),
    placeholderData: keepPreviousData,
  });
}

export function useLadder(from: string | null, to: string | null) {
  return useQuery({
    queryKey: analyticsKeys.ladder(from, to),
    queryFn: ({ signal }) => api<FunnelT>('/analytics/ladder', { signal, query: { from, to } }),
    placeholderData: keepPreviousData,
  });
}

export function useCohorts() {
  return useQuery({
    queryKey: analyticsKeys.cohorts,
    queryFn: ({ signal }) => api<CohortsT>('/analytics/cohorts', { signal }),
  });
}

export function useRetention(grain: 'quarter' | 'year') {
  return useQuery({
    queryKey: analyticsKeys.retention(grain),
    queryFn: ({ signal }) => api<FlowsT>('/analytics/retention', { signal, query: { grain } }),
    placeholderData: keepPreviousData,
  });
}

export function useAnalyticsSettings() {
  return useQuery({
    queryKey: analyticsKeys.settings,
    queryFn: ({ signal }) => api<AnalyticsSettings>('/analytics/settings', { signal }),
  });
}

// ---- writes ----------------------------------------------------------------------------------------
export function useUpdateAnalyticsSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: AnalyticsSettingsChangeT) =>
      api<AnalyticsSettings>('/analytics/settings', { method: 'PATCH', body: change }),
    onSuccess: (next) => {
      queryClient.setQueryData(analyticsKeys.settings, next);
      // The server recomputes in the background; the figures follow on the next fetch.
      void queryClient.invalidateQueries({
        queryKey: analyticsKeys.all,
        predicate: (q) => q.queryKey[1] !== 'settings',
      });
    },
  });
}

/** POST /analytics/refresh, then every analytics view is fetched again. */
export function useRefreshAnalytics() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api<RefreshResultT>('/analytics/refresh', { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: analyticsKeys.all }),
  });
}

// ---- who may change what ---------------------------------------------------------------------------
/** The analytics settings are the organisation's rules: its owner and head of sales set them. */
export const canEditAnalyticsSettings = (role: string | undefined): boolean => can(role ?? '', 'changeSettings');
