/** Names and formatting of the analytics' vocabularies and figures, in the UI language. */
import i18n from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryLabels, ladderStageLabels, rfmSegmentLabels } from '../../../core/analytics/labels.js';
import {
  abcClasses,
  computedCategories,
  ladderRank,
  ladderStages,
  rfmSegments,
  xyzClasses,
} from '../../../core/analytics/segments.js';
import { categoryOverrides } from '../../../core/vocabulary.js';
import { formatDate, formatMoney, formatNumber, formatPercent, NO_VALUE } from '../../lib/format.js';
import { useLanguage, type Language } from '../../lib/i18n.js';
import { figureKinds, type FigureKey, type Figures } from './api.js';

export { abcClasses, ladderRank, ladderStages, rfmSegments, xyzClasses };
/** Categories a client can have: computed ones and the manual ones (image, perspective). */
export const categories = [
  ...new Set<string>([...computedCategories, ...categoryOverrides]),
] as (keyof typeof categoryLabels)[];

export type Vocabulary = 'ladderStage' | 'rfmSegment' | 'category';
const vocabularies: Record<Vocabulary, Record<string, { ru: string; en: string }>> = {
  ladderStage: ladderStageLabels,
  rfmSegment: rfmSegmentLabels,
  category: categoryLabels,
};

/** `segment('ladderStage', 'adherent')` → "Приверженец"; an unknown value is shown as it is. */
export function segmentLabel(vocabulary: Vocabulary, value: string | null | undefined, language: Language): string {
  if (value === null || value === undefined || value === '') return NO_VALUE;
  return vocabularies[vocabulary][value]?.[language] ?? value;
}

export function useSegmentLabel(): (vocabulary: Vocabulary, value: string | null | undefined) => string {
  const language = useLanguage();
  return useCallback((vocabulary, value) => segmentLabel(vocabulary, value, language), [language]);
}

export function useSegmentOptions(vocabulary: Vocabulary): { value: string; label: string }[] {
  const language = useLanguage();
  const values: readonly string[] =
    vocabulary === 'ladderStage' ? ladderStages : vocabulary === 'rfmSegment' ? rfmSegments : categories;
  return values.map((value) => ({ value, label: segmentLabel(vocabulary, value, language) }));
}

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
  if (kind === 'share') return formatPercent(value as number, language);
  if (kind === 'text') {
    const vocabulary = vocabularyOf[key];
    return vocabulary ? segmentLabel(vocabulary, value as string, language) : String(value);
  }
  // Figures named …Pct are percentages already (34.18 means 34.18 %).
  if (key.endsWith('Pct')) return formatPercent((value as number) / 100, language);
  return formatNumber(value as number, language);
}

/** The figure's column title in the UI language. */
export function useFigureLabel(): (key: FigureKey) => string {
  const { t } = useTranslation();
  return useCallback((key) => t(`figures.${key}`), [t]);
}

/** Whether a figure reads as a number (right-aligned in tables). */
export const isNumericFigure = (key: FigureKey): boolean => figureKinds[key] !== 'text' && figureKinds[key] !== 'date';

/** Quarter or year of a period start (ISO date) in the UI language: "3 кв. 2026", "Q3 2026", "2026". */
export function usePeriodLabel(): (start: string, grain: 'quarter' | 'year') => string {
  const { t } = useTranslation();
  return useCallback(
    (start, grain) => {
      const m = /^(\d{4})-(\d{2})/.exec(start);
      if (!m) return start;
      if (grain === 'year') return m[1]!;
      return t('analytics.quarter', { quarter: Math.floor((Number(m[2]) - 1) / 3) + 1, year: m[1] });
    },
    [t],
  );
}

/** The first day of the month `n` months after the month of `iso` (YYYY-MM-DD). */
export function addMonths(iso: string, n: number): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) + n;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-01`;
}

/** The last day of the month of `iso` (the API names a month by its first day in some answers). */
export function monthEnd(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** Whether a quarter or year starting at `start` has ended by `today` (both ISO dates). */
export function periodComplete(start: string, grain: 'quarter' | 'year', today: string): boolean {
  return addMonths(start, grain === 'quarter' ? 3 : 12) <= today;
}

/** Today in the viewer's time zone, ISO. */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
