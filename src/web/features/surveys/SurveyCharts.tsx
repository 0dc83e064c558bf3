/** Charts of satisfaction over time: the six dimensions' averages (1–5) and the NPS (−100…100). */
import { SegmentedControl, Group, Text } from '@mantine/core';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyDimensions } from '../../../core/surveys/satisfaction.js';
import { formatMonth, formatNumber, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { BarChart, LineChart } from '../../components/charts.js';
import { usePeriodLabel } from '../../lib/dates.js';
import type { SurveyGrain, SurveyTrendsT } from './api.js';

export const dimensionColors: Record<(typeof surveyDimensions)[number], string> = {
  goods: 'blue.6',
  staff: 'grape.6',
  prices: 'orange.6',
  logistics: 'cyan.7',
  service: 'teal.6',
  company: 'dark.5',
};

/** "3 кв. 2025", "11.2025" or "2025" for a period start, in the UI language. */
export function useSurveyPeriodLabel(): (start: string, grain: SurveyGrain) => string {
  const quarterOrYear = usePeriodLabel();
  const language = useLanguage();
  return useCallback(
    (start, grain) => (grain === 'month' ? formatMonth(start, language) : quarterOrYear(start, grain)),
    [quarterOrYear, language],
  );
}

/** A mean score for people, always with 2 decimals so that scores side by side line up: "4,25", "3,70"; missing → "—". */
export const formatScore = (value: number | null | undefined, language: string): string =>
  value === null || value === undefined ? NO_VALUE : formatNumber(Math.round(value * 100) / 100, language, 2);

/**
 * An NPS for people, with its sign and 1 decimal ("+33,3", "−50,0", "0,0"; `digits` 0 for an axis:
 * "+50", "−100"); missing → "—".
 */
export function formatNps(value: number | null | undefined, language: string, digits = 1): string {
  if (value === null || value === undefined) return NO_VALUE;
  const rounded = Math.round(value * 10 ** digits) / 10 ** digits;
  const text = formatNumber(Math.abs(rounded), language, digits);
  return rounded > 0 ? `+${text}` : rounded < 0 ? `−${text}` : text;
}

/**
 * The periods a trend chart draws: from the first with data on, so that a chart does not open on
 * empty periods (a client surveyed for the first time last spring, a company that began this year).
 */
export function fromFirstData<P>(periods: readonly P[], hasData: (period: P) => boolean): P[] {
  const first = periods.findIndex(hasData);
  return first < 0 ? [] : periods.slice(first);
}

export function GrainSwitch({
  value,
  onChange,
  testId,
}: {
  value: SurveyGrain;
  onChange: (grain: SurveyGrain) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Group gap="sm" align="center">
      <Text size="sm" fw={500}>
        {t('surveys.panel.grain')}
      </Text>
      <SegmentedControl
        size="xs"
        aria-label={t('surveys.panel.grain')}
        value={value}
        onChange={(v) => onChange(v === 'month' || v === 'year' ? v : 'quarter')}
        data={[
          { value: 'month', label: t('surveys.panel.byMonth') },
          { value: 'quarter', label: t('surveys.panel.byQuarter') },
          { value: 'year', label: t('surveys.panel.byYear') },
        ]}
        {...(testId ? { 'data-testid': testId } : {})}
      />
    </Group>
  );
}

export function DimensionTrendChart({
  trends,
  height = 280,
  label,
  testId,
}: {
  trends: SurveyTrendsT;
  height?: number;
  label: string;
  testId?: string;
}) {
  const language = useLanguage();
  const enumLabel = useEnumLabel();
  const periodLabel = useSurveyPeriodLabel();
  const grain = trends.grain as SurveyGrain;
  const data = fromFirstData(trends.periods, (p) => p.overall !== null).map((p) => ({
    period: periodLabel(p.period, grain),
    ...p.averages,
  }));
  return (
    <LineChart
      h={height}
      data={data}
      dataKey="period"
      series={surveyDimensions.map((d) => ({
        name: d,
        label: enumLabel('surveyDimension', d),
        color: dimensionColors[d],
      }))}
      curveType="linear"
      connectNulls
      withLegend
      legendProps={{ verticalAlign: 'bottom' }}
      yAxisProps={{
        domain: [1, 5],
        ticks: [1, 2, 3, 4, 5],
        width: 32,
        tickFormatter: (v: number) => formatNumber(v, language, 0),
      }}
      valueFormatter={(v) => formatScore(v, language)}
      aria-label={label}
      {...(testId ? { 'data-testid': testId } : {})}
    />
  );
}

export function NpsTrendChart({
  trends,
  height = 220,
  label,
  testId,
}: {
  trends: SurveyTrendsT;
  height?: number;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const periodLabel = useSurveyPeriodLabel();
  const grain = trends.grain as SurveyGrain;
  // From the first period with an NPS on; a later period without answers keeps its place, with no bar.
  const data = fromFirstData(trends.periods, (p) => p.nps !== null).map((p) => ({
    period: periodLabel(p.period, grain),
    nps: p.nps,
  }));
  return (
    <BarChart
      h={height}
      data={data}
      dataKey="period"
      series={[{ name: 'nps', label: t('surveys.page.nps'), color: 'teal.6' }]}
      getBarColor={(value) => (value < 0 ? 'red.6' : 'teal.6')}
      yAxisProps={{
        domain: [-100, 100],
        ticks: [-100, -50, 0, 50, 100],
        width: 44,
        tickFormatter: (v: number) => formatNps(v, language, 0),
      }}
      valueFormatter={(v) => formatNps(v, language)}
      referenceLines={[{ y: 0, color: 'gray.6' }]}
      aria-label={label}
      {...(testId ? { 'data-testid': testId } : {})}
    />
  );
}
