/**
 * Retention per period as bars, red below the organisation's reference rate (dashboard and retention
 * page). A period still running is drawn pale with a dashed outline and named under the chart, so its
 * low share (the period has not had the time to bring its buyers back) does not read as a drop; the
 * reference rate is labelled to the right of the plot, where no bar can hide it.
 */
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { BarChart, Rectangle, type RectangleProps } from '../../components/charts.js';
import classes from './analytics.module.css';

export type RetentionBar = {
  period: string;
  /** Retention in percent, e.g. 71.4. */
  rate: number;
  /** False for the period that has not ended yet. */
  complete: boolean;
};

/** Room on the right of the plot for the reference line's label (SVG text does not wrap). */
const labelRoom = (text: string) => Math.ceil(text.length * 7) + 12;

export function RetentionChart({
  data,
  targetPct,
  height,
  label,
  grain = 'quarter',
  testId,
}: {
  data: RetentionBar[];
  targetPct: number;
  height: number;
  label: string;
  grain?: 'quarter' | 'year';
  testId?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const targetLabel = t('dashboard.target', { value: formatPercent(targetPct / 100, language) });
  const running = data.filter((d) => !d.complete);
  const complete = new Map(data.map((d) => [d.period, d.complete]));
  return (
    <div>
      <BarChart
        h={height}
        data={data}
        dataKey="period"
        series={[{ name: 'rate', label: t('dashboard.retentionSeries'), color: 'teal.6' }]}
        getBarColor={(value) => (value < targetPct ? 'red.6' : 'teal.6')}
        barProps={{
          shape: (props: RectangleProps & { payload?: RetentionBar }) =>
            props.payload?.complete === false ? (
              <Rectangle
                {...props}
                fillOpacity={0.35}
                stroke={props.fill}
                strokeOpacity={1}
                strokeWidth={1.5}
                strokeDasharray="5 3"
              />
            ) : (
              <Rectangle {...props} />
            ),
        }}
        valueFormatter={(v) => (typeof v === 'number' ? formatPercent(v / 100, language, 1) : NO_VALUE)}
        tooltipProps={{
          labelFormatter: (period: unknown) =>
            complete.get(String(period)) === false
              ? `${String(period)} ${t(grain === 'year' ? 'retention.yearRunning' : 'retention.quarterRunning')}`
              : String(period),
        }}
        yAxisProps={{
          domain: [0, 100],
          ticks: [0, 25, 50, 75, 100],
          width: 56,
          tickFormatter: (v: number) => formatPercent(v / 100, language, 0),
        }}
        barChartProps={{ margin: { top: 8, right: labelRoom(targetLabel), bottom: 5, left: 5 } }}
        referenceLines={[{ y: targetPct, color: 'gray.7', label: targetLabel, labelPosition: 'right' }]}
        aria-label={label}
        {...(testId ? { 'data-testid': testId } : {})}
      />
      {running.length > 0 ? (
        <Group gap={6} mt={4} wrap="nowrap" data-testid={testId ? `${testId}-running` : undefined}>
          <span className={classes.runningSwatch} aria-hidden />
          <Text size="xs" c="dimmed">
            {t(grain === 'year' ? 'retention.yearRunningNote' : 'retention.quarterRunningNote', {
              periods: running.map((r) => r.period).join(', '),
            })}
          </Text>
        </Group>
      ) : null}
    </div>
  );
}
