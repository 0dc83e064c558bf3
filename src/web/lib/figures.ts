/**
 * The figures of a client (revenue, profit, classes…) as the whole app shows them: their kinds from the
 * contract's catalogue, how each reads in the UI language, and the client list by figures
 * (/analytics/clients), which the client list and the dashboard both read.
 */
import type { ClientFiguresItemT, FigureKey, figureCatalogue, FiguresPage } from '../../contract/analytics.js';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import i18n from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import { api } from './api.js';
import { formatDate, formatMoney, formatNumber, formatPercent, NO_VALUE } from './format.js';
import type { Language } from './i18n.js';
import { analyticsKeys } from './queryKeys.js';
import { segmentLabel, type Vocabulary } from './segments.js';

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

// ---- how a figure reads ------------------------------------------------------------------------------
const vocabularyOf: Partial<Record<FigureKey, Vocabulary>> = {
  rfmSegment: 'rfmSegment',
  ladderStage: 'ladderStage',
  category: 'category',
  computedCategory: 'category',
};

/** Figures the API leaves null when the cost of the client's goods is unknown. */
export const costFigures: ReadonlySet<FigureKey> = new Set<FigureKey>(['cost', 'margin', 'profit']);

/** One figure for people: money, percentages, dates and segment names in the UI language. */
export function formatFigure<K extends FigureKey>(key: K, value: Figures[K], language: Language): string {
  // Cost, margin and profit are null only when no line of the client has a known cost: say so, never 0 or 100 %.
  if (value === null && costFigures.has(key)) return i18n.getFixedT(language)('figures.noCostData');
  if (value === null || value === undefined || value === '') return NO_VALUE;
  const kind = figureKinds[key];
  if (kind === 'money' || kind === 'moneyOrNull') return formatMoney(value as string, language);
  if (kind === 'date') return formatDate(value as string, language);
  // One precision per kind, so a column never mixes "12 %" with "12,5 %" or "3" with "3,25".
  if (kind === 'share') return formatPercent(value as number, language, 1);
  if (kind === 'text') {
    const vocabulary = vocabularyOf[key];
    return vocabulary ? segmentLabel(vocabulary, value as string, language) : String(value);
  }
  // Figures named …Pct are percentages already (34.18 means 34.18 %).
  if (key.endsWith('Pct')) return formatPercent((value as number) / 100, language, 1);
  return formatNumber(value as number, language, kind === 'integer' ? 0 : 1);
}

/** The figure's column title in the UI language. */
export function useFigureLabel(): (key: FigureKey) => string {
  const { t } = useTranslation();
  return useCallback((key) => t(`figures.${key}`), [t]);
}

/** Whether a figure reads as a number (right-aligned in tables). */
export const isNumericFigure = (key: FigureKey): boolean => figureKinds[key] !== 'text' && figureKinds[key] !== 'date';
