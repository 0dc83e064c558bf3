/**
 * The analytics API (/api/v1/analytics): types taken from the contract, and the queries and writes
 * the pages use. Money is decimal roubles everywhere, as in the rest of the API.
 */
import type {
  AnalyticsSettingsView,
  AnalyticsSummary,
  ClientAnalytics,
  ClientFiguresItemT,
  Cohorts,
  FigureKey,
  figureCatalogue,
  Flows,
  FiguresPage,
  Funnel,
  Insignificant,
  Matrix,
  RefreshResult,
  RfmMap,
  Whale,
} from '../../../contract/analytics.js';
import type { UserT } from '../../../contract/auth.js';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import { api, buildUrl, type QueryValue } from '../../lib/api.js';
import { analyticsKeys } from './keys.js';
import { can } from '../../../core/access/permissions.js';

export type { FigureKey };

// ---- figures ---------------------------------------------------------------------------------
type CatalogueEntry = (typeof figureCatalogue)[number];
export type FigureKind = CatalogueEntry[2];
type KindOf<K extends FigureKey> = Extract<CatalogueEntry, readonly [K, ...unknown[]]>[2];
type ValueOf<Kd> = Kd extends 'money'
  ? string
  : Kd extends 'moneyOrNull'
    ? string | null
    : Kd extends 'integer' | 'number' | 'share'
      ? number | null
      : string | null;
/** One client's figures as the API sends them, each typed by its kind in the contract's catalogue. */
export type Figures = { [K in FigureKey]: ValueOf<KindOf<K>> };

/**
 * Every figure and its kind, in the contract's order. Checked against the contract's catalogue, so a
 * figure added there fails the type check here until the web app knows how to show it.
 */
export const figureKinds = {
  revenue: 'money',
  cost: 'moneyOrNull',
  uncostedRevenue: 'money',
  margin: 'moneyOrNull',
  marginPct: 'number',
  returns: 'money',
  orders: 'integer',
  purchaseDays: 'integer',
  ordersPerMonth: 'number',
  avgIntervalDays: 'number',
  recencyDays: 'integer',
  tenureDays: 'integer',
  firstPurchase: 'date',
  lastPurchase: 'date',
  productsBought: 'integer',
  groupsBought: 'integer',
  avgDiscountPct: 'number',
  avgDelayDays: 'number',
  maxDelayDays: 'integer',
  overdueNow: 'moneyOrNull',
  interactions: 'integer',
  managerMinutes: 'integer',
  managerTimeCost: 'money',
  logisticsCost: 'money',
  relationshipSpend: 'money',
  latePaymentCost: 'money',
  costToServe: 'money',
  profit: 'moneyOrNull',
  profitShare: 'share',
  timeShare: 'share',
  activeMonths: 'integer',
  revenueCv: 'number',
  abcRevenue: 'text',
  abcGross: 'text',
  abcProfit: 'text',
  xyz: 'text',
  rScore: 'integer',
  fScore: 'integer',
  mScore: 'integer',
  rfmSegment: 'text',
  computedCategory: 'text',
  category: 'text',
  ladderStage: 'text',
  stageSince: 'date',
} as const satisfies { [K in FigureKey]: KindOf<K> };

export const figureKeys = Object.keys(figureKinds) as FigureKey[];
export const isFigureKey = (value: unknown): value is FigureKey =>
  typeof value === 'string' && Object.hasOwn(figureKinds, value);

/**
 * Figures that exist only for the organisation's current period (classes and shares computed at the
 * last refresh): for another period they are empty and the list cannot sort by them.
 */
export const currentPeriodOnly: ReadonlySet<FigureKey> = new Set<FigureKey>([
  'profitShare',
  'timeShare',
  'abcRevenue',
  'abcGross',
  'abcProfit',
  'xyz',
  'rScore',
  'fScore',
  'mScore',
  'rfmSegment',
  'computedCategory',
  'category',
]);

export type ClientFiguresItem = Omit<ClientFiguresItemT, 'figures'> & { figures: Figures };
export type FiguresPageT = Omit<Static<typeof FiguresPage>, 'items'> & { items: ClientFiguresItem[] };
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

// ---- the client list by figures ------------------------------------------------------------------
/** The filters of /analytics/clients that the web app uses, as URL search params name them. */
export const listFilterKeys = [
  'q',
  'status',
  'category',
  'abcProfit',
  'abcRevenue',
  'abcGross',
  'xyz',
  'rfmSegment',
  'ladderStage',
  'ownerUserId',
  'region',
  'industry',
  'from',
  'to',
  'minRevenue',
  'maxRevenue',
  'minProfit',
  'maxProfit',
  'rScore',
  'fScore',
  'firstPurchaseFrom',
  'firstPurchaseTo',
] as const;
export type ListFilterKey = (typeof listFilterKeys)[number];
export type ListFilters = Partial<Record<ListFilterKey, string>>;
export type ListQuery = ListFilters & { sort?: string; page?: number; pageSize?: number };

export function useFiguresList(query: ListQuery, options: { enabled?: boolean } = {}) {
  const key = { ...query } as Record<string, string | number | undefined>;
  return useQuery({
    queryKey: analyticsKeys.list(key),
    queryFn: ({ signal }) => api<FiguresPageT>('/analytics/clients', { signal, query: key }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

/** The address of a file export of a list or chart: the same query plus format and language. */
export function exportHref(
  path: string,
  query: Record<string, QueryValue>,
  format: 'csv' | 'xlsx',
  lang: string,
): string {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return buildUrl(path, { ...rest, format, lang });
}

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

// ---- users (the managers clients belong to) -----------------------------------------------------------
export function useUsers() {
  return useQuery({
    queryKey: ['users'] as const,
    queryFn: ({ signal }) => api<UserT[]>('/users', { signal }),
    staleTime: 5 * 60_000,
    retry: false,
  });
}
