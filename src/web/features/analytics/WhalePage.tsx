/** The whale curve: cumulative profit as clients are added from the most to the least profitable. */
import { Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatMoney, formatMoneyCompact, formatNumber, formatPercent, kopecksOf } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { niceScale } from '../../lib/chartScale.js';
import { useWhale, type WhaleT } from './api.js';
import { LineChart } from '../../components/charts.js';
import { lossMakingHref, mostProfitableHref } from './links.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { FigureCard } from '../../components/FigureCard.js';
import { Section } from '../../components/Section.js';
import { UnknownProfitNote } from './ui.js';

export default function WhalePage() {
  const { t } = useTranslation();
  const whale = useWhale();
  if (whale.isPending) return <PageLoader />;
  if (whale.isError) return <ErrorAlert error={whale.error} onRetry={() => void whale.refetch()} />;
  if (whale.data.clients === 0)
    return <EmptyBlock title={t('analytics.noDataTitle')} description={t('analytics.noDataDescription')} />;
  return <WhaleView whale={whale.data} />;
}

function WhaleView({ whale }: { whale: WhaleT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const peak = whale.curve.reduce(
    (best, p) => (kopecksOf(p.cumulativeProfit) > kopecksOf(best.cumulativeProfit) ? p : best),
    whale.curve[0]!,
  );
  const data = whale.curve.map((p) => ({
    clients: Math.round(p.clientShare * 1000) / 10,
    profit: p.profitShare === null ? null : Math.round(p.profitShare * 1000) / 10,
    money: p.cumulativeProfit,
  }));
  const hump = whale.hump;
  // Even ticks (0/20/…/100, and past 100 % up to the hump; below 0 when the curve dips), never 0/30/60/90/110.
  const profits = data.map((d) => d.profit).filter((v): v is number => v !== null);
  const yScale = niceScale(Math.min(0, ...profits), Math.max(100, ...profits), 7, [1, 2, 5]);
  const lossShare = 1 - peak.clientShare;
  const giveBack = hump !== null ? hump - 1 : null;

  let explanation: string;
  if (hump === null) explanation = t('whale.explainNoProfit', { loss: formatMoney(whale.totalProfit, language) });
  else if (hump > 1.0005) {
    explanation = t('whale.explain', {
      top: formatPercent(peak.clientShare, language),
      hump: formatPercent(hump, language),
      rest: formatPercent(lossShare, language),
      back: formatPercent(giveBack, language),
    });
  } else explanation = t('whale.explainFlat');

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <FigureCard
          testId="whale-hump"
          label={t('whale.hump')}
          value={formatPercent(hump, language)}
          tone={hump !== null && hump > 1.0005 ? 'bad' : undefined}
          hint={t('whale.humpHint')}
        />
        <FigureCard
          label={t('whale.peakClients')}
          value={formatPercent(peak.clientShare, language)}
          hint={t('whale.peakClientsHint', { clients: formatNumber(peak.rank, language) })}
        />
        <FigureCard
          label={t('whale.peakProfit')}
          value={formatMoneyCompact(whale.peakProfit, language)}
          title={formatMoney(whale.peakProfit, language)}
          hint={t('whale.peakProfitHint')}
        />
        <FigureCard
          label={t('whale.totalProfit')}
          value={formatMoneyCompact(whale.totalProfit, language)}
          title={formatMoney(whale.totalProfit, language)}
          hint={t('whale.totalProfitHint', { clients: formatNumber(whale.clients, language) })}
        />
      </SimpleGrid>
      <Section
        title={t('whale.title')}
        description={t('whale.description')}
        actions={<ExportButtons path="/analytics/whale" query={{}} testIdPrefix="whale-export" />}
        testId="whale-chart"
      >
        <Stack gap="md">
          <Text size="sm" fw={600} data-testid="whale-basis">
            {t(`whale.basisNamed.${whale.basis}`)}
          </Text>
          <UnknownProfitNote count={whale.costCoverage.unknownProfitClients} testId="whale-unknown-profit" />
          <Text size="md" fw={500}>
            {explanation}
          </Text>
          <LineChart
            h={340}
            data={data}
            dataKey="clients"
            series={[{ name: 'profit', label: t('whale.series'), color: 'indigo.6' }]}
            curveType="linear"
            withDots={false}
            xAxisProps={{
              type: 'number',
              domain: [0, 100],
              tickFormatter: (v: number) => formatPercent(v / 100, language, 0),
              ticks: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100],
            }}
            yAxisProps={{
              width: 64,
              domain: yScale.domain,
              ticks: yScale.ticks,
              tickFormatter: (v: number) => formatPercent(v / 100, language, 0),
            }}
            valueFormatter={(v) => formatPercent(v / 100, language, 1)}
            xAxisLabel={t('whale.xAxis')}
            yAxisLabel={t('whale.yAxis')}
            referenceLines={[
              // Left, where the curve is still far below it: on the right the curve ends on this line.
              { y: 100, color: 'gray.6', label: t('whale.allProfit'), labelPosition: 'insideBottomLeft' },
            ]}
            referenceDots={
              hump !== null
                ? [
                    {
                      x: Math.round(peak.clientShare * 1000) / 10,
                      y: Math.round(hump * 1000) / 10,
                      r: 5,
                      color: 'red.6',
                      label: t('whale.humpDot', { value: formatPercent(hump, language) }),
                      labelPosition: 'top',
                    },
                  ]
                : []
            }
            tooltipProps={{
              labelFormatter: (label: unknown) =>
                t('whale.tooltipClients', { value: formatPercent(Number(label) / 100, language, 1) }),
            }}
            aria-label={t('whale.title')}
          />
          <Text size="sm" c="dimmed">
            {t('whale.howToRead')}
          </Text>
          <Group gap="sm">
            <Button component={Link} to={mostProfitableHref} variant="light">
              {t('whale.openProfitable')}
            </Button>
            <Button component={Link} to={lossMakingHref} variant="light" color="red">
              {t('whale.openLossMaking')}
            </Button>
          </Group>
        </Stack>
      </Section>
    </Stack>
  );
}
