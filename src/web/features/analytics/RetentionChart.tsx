/** Retention per period as bars, red below the organisation's reference rate (dashboard and retention page). */
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { BarChart } from '../../components/charts.js';

export function RetentionChart({
  data,
  targetPct,
  height,
  label,
  testId,
}: {
  /** `rate` in percent, e.g. 71.4. */
  data: { period: string; rate: number }[];
  targetPct: number;
  height: number;
  label: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <BarChart
      h={height}
      data={data}
      dataKey="period"
      series={[{ name: 'rate', label: t('dashboard.retentionSeries'), color: 'teal.6' }]}
      getBarColor={(value) => (value < targetPct ? 'red.6' : 'teal.6')}
      valueFormatter={(v) => formatPercent(v / 100, language)}
      yAxisProps={{ domain: [0, 100], width: 56 }}
      referenceLines={[
        {
          y: targetPct,
          color: 'gray.7',
          label: t('dashboard.target', { value: formatPercent(targetPct / 100, language) }),
          labelPosition: 'insideTopRight',
        },
      ]}
      aria-label={label}
      {...(testId ? { 'data-testid': testId } : {})}
    />
  );
}
