/** The client card's analytics: key figures, cost to serve, segments, the ladder history and 24 months of sales. */
import { Badge, Grid, Group, Paper, SimpleGrid, Stack, Text, Timeline, Title, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import {
  formatDate,
  formatMoney,
  formatMonth,
  formatMonthShort,
  formatNumber,
  formatPercent,
  NO_VALUE,
  splitMinutes,
} from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { compactAxisFormatter, niceScale } from '../../lib/chartScale.js';
import { useClientAnalytics, type ClientAnalyticsT } from './api.js';
import { formatFigure, type ListFilters } from '../../lib/figures.js';
import { BarChart } from '../../components/charts.js';
import { addMonths, monthEnd } from '../../lib/dates.js';
import { ladderRank, segmentLabel } from '../../lib/segments.js';
import { clientsHref } from './links.js';
import { BarRows } from './ui.js';
import { PeriodText } from '../../components/PeriodText.js';

const MONTHS = 24;

export default function ClientAnalyticsPanel({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const analytics = useClientAnalytics(clientId);
  let body;
  if (analytics.isPending) body = <PageLoader />;
  else if (analytics.isError) body = <ErrorAlert error={analytics.error} onRetry={() => void analytics.refetch()} />;
  else body = <PanelBody data={analytics.data} />;
  return (
    <div data-testid="client-analytics-panel" aria-label={t('clientAnalytics.title')}>
      {body}
    </div>
  );
}

function Stat({
  label,
  value,
  hint,
  tone,
  testId,
}: {
  label: string;
  value: string;
  hint?: string | undefined;
  tone?: 'bad' | 'good' | undefined;
  testId?: string;
}) {
  return (
    <Paper withBorder radius="md" p="sm" miw={0} data-testid={testId}>
      <Text size="xs" c="dimmed" component="dt">
        {label}
      </Text>
      <Text
        component="dd"
        m={0}
        fw={700}
        size="lg"
        c={tone === 'bad' ? 'red.7' : tone === 'good' ? 'teal.8' : undefined}
        style={{ overflowWrap: 'anywhere' }}
      >
        {value}
      </Text>
      {hint ? (
        <Text component="dd" m={0} size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}

function PanelBody({ data }: { data: ClientAnalyticsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const f = data.figures;
  const profit = Number(f.profit);
  const noCost = f.profit === null;
  const uncosted = Number(f.uncostedRevenue);
  const overdue = Number(f.overdueNow) > 0;
  const noActivity = f.orders === 0 && Number(f.revenue) === 0 && f.interactions === 0;
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('clientAnalytics.period')} <PeriodText from={data.period.from} to={monthEnd(data.period.to)} />
      </Text>
      {noActivity ? (
        <Text size="sm" c="dimmed">
          {t('clientAnalytics.noActivity')}
        </Text>
      ) : null}
      {!noCost && uncosted !== 0 ? (
        <Text size="sm" c="orange.8" data-testid="client-analytics-partial-cost">
          {t('clientAnalytics.partialCost', { value: formatMoney(f.uncostedRevenue, language) })}
        </Text>
      ) : null}
      <SimpleGrid component="dl" m={0} cols={{ base: 2, lg: 5 }} spacing="sm">
        <Stat
          testId="client-analytics-revenue"
          label={t('figures.revenue')}
          value={formatMoney(f.revenue, language)}
          hint={t('clientAnalytics.orders', { value: formatNumber(f.orders, language) })}
        />
        <Stat
          testId="client-analytics-margin"
          label={t('figures.margin')}
          value={formatFigure('margin', f.margin, language)}
          hint={
            f.marginPct !== null
              ? t('clientAnalytics.ofRevenue', { value: formatFigure('marginPct', f.marginPct, language) })
              : undefined
          }
        />
        <Stat label={t('figures.costToServe')} value={formatMoney(f.costToServe, language)} />
        <Stat
          testId="client-analytics-profit"
          label={t('figures.profit')}
          value={formatFigure('profit', f.profit, language)}
          tone={noCost ? undefined : profit < 0 ? 'bad' : profit > 0 ? 'good' : undefined}
          hint={
            noCost
              ? t('clientAnalytics.noCostDataHint')
              : f.profitShare !== null
                ? t('clientAnalytics.profitShare', { value: formatPercent(f.profitShare, language) })
                : undefined
          }
        />
        {data.paymentTracking.tracked ? (
          <Stat
            label={t('figures.overdueNow')}
            value={formatMoney(f.overdueNow, language)}
            tone={overdue ? 'bad' : undefined}
            hint={
              f.avgDelayDays !== null
                ? t('clientAnalytics.avgDelay', { value: formatNumber(f.avgDelayDays, language) })
                : undefined
            }
          />
        ) : (
          <Stat
            testId="client-analytics-payments-untracked"
            label={t('figures.overdueNow')}
            value={t('clientAnalytics.paymentsNotTracked')}
            hint={
              data.paymentTracking.setting === 'off'
                ? t('clientAnalytics.paymentsNotTrackedOff')
                : t('clientAnalytics.paymentsNotTrackedNoPayments')
            }
          />
        )}
        <Stat
          label={t('figures.lastPurchase')}
          value={formatDate(f.lastPurchase, language)}
          hint={
            f.recencyDays !== null
              ? t('clientAnalytics.daysAgo', { value: formatNumber(f.recencyDays, language) })
              : undefined
          }
        />
        <Stat
          label={t('figures.ordersPerMonth')}
          value={formatNumber(f.ordersPerMonth, language)}
          hint={
            f.avgIntervalDays !== null
              ? t('clientAnalytics.interval', { value: formatNumber(f.avgIntervalDays, language) })
              : undefined
          }
        />
        <Stat
          label={t('figures.productsBought')}
          value={formatNumber(f.productsBought, language)}
          hint={t('clientAnalytics.groups', { value: formatNumber(f.groupsBought, language) })}
        />
        <Stat label={t('figures.avgDiscountPct')} value={formatFigure('avgDiscountPct', f.avgDiscountPct, language)} />
        <Stat
          label={t('figures.firstPurchase')}
          value={formatDate(f.firstPurchase, language)}
          hint={
            f.tenureDays !== null
              ? t('clientAnalytics.daysAgo', { value: formatNumber(f.tenureDays, language) })
              : undefined
          }
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <CostToServe data={data} />
        <Segments data={data} />
      </SimpleGrid>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <LadderHistory data={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <MonthlyChart data={data} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Block({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title} data-testid={testId} h="100%">
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function CostToServe({ data }: { data: ClientAnalyticsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const f = data.figures;
  const { hours, minutes } = splitMinutes(f.managerMinutes ?? 0);
  const parts = [
    {
      key: 'managerTime',
      name: t('clientAnalytics.costs.managerTime', { hours: formatNumber(hours, language), minutes }),
      value: Number(f.managerTimeCost),
      color: 'indigo.5',
    },
    { key: 'logistics', name: t('figures.logisticsCost'), value: Number(f.logisticsCost), color: 'cyan.5' },
    { key: 'relationship', name: t('figures.relationshipSpend'), value: Number(f.relationshipSpend), color: 'grape.5' },
    { key: 'latePayment', name: t('figures.latePaymentCost'), value: Number(f.latePaymentCost), color: 'orange.5' },
  ];
  const total = Number(f.costToServe);
  return (
    <Block title={t('clientAnalytics.costsTitle')} testId="client-analytics-costs">
      {total === 0 ? (
        <Text size="sm" c="dimmed">
          {t('clientAnalytics.noCosts')}
        </Text>
      ) : (
        <Stack gap="xs">
          <BarRows
            labelWidth="14rem"
            testIdPrefix="client-analytics-cost"
            rows={parts.map((p) => ({
              key: p.key,
              label: p.name,
              value: p.value,
              color: p.color,
              display: `${formatMoney(p.value.toFixed(2), language)} · ${formatPercent(total ? p.value / total : null, language, 1)}`,
            }))}
          />
          <Text size="sm" fw={600}>
            {t('clientAnalytics.costsTotal', { value: formatMoney(f.costToServe, language) })}
          </Text>
          {f.margin !== null && Number(f.margin) > 0 ? (
            <Text size="xs" c="dimmed">
              {t('clientAnalytics.costsOfMargin', { value: formatPercent(total / Number(f.margin), language) })}
            </Text>
          ) : null}
        </Stack>
      )}
    </Block>
  );
}

function SegmentBadge({
  label,
  value,
  filter,
  color,
  tip,
}: {
  label: string;
  value: string | null;
  filter?: ListFilters | undefined;
  color?: string;
  tip?: string | undefined;
}) {
  const { t } = useTranslation();
  let badge: ReactNode = (
    <Text size="sm" c="dimmed">
      {NO_VALUE}
    </Text>
  );
  if (value && filter) {
    badge = (
      <Badge
        size="lg"
        variant="light"
        color={color ?? 'indigo'}
        tt="none"
        component={Link}
        to={clientsHref(filter)}
        style={{ cursor: 'pointer' }}
        aria-label={t('clientAnalytics.openSegment', { segment: `${label}: ${value}` })}
      >
        {value}
      </Badge>
    );
  } else if (value) {
    badge = (
      <Badge size="lg" variant="light" color={color ?? 'indigo'} tt="none">
        {value}
      </Badge>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {tip ? (
        <Tooltip label={tip} multiline maw={280} withArrow>
          <span>{badge}</span>
        </Tooltip>
      ) : (
        badge
      )}
    </Group>
  );
}

function Segments({ data }: { data: ClientAnalyticsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const f = data.figures;
  const scores =
    f.rScore !== null
      ? t('clientAnalytics.rfmScores', { r: f.rScore, f: f.fScore ?? NO_VALUE, m: f.mScore ?? NO_VALUE })
      : undefined;
  const category = f.computedCategory;
  const manual = data.manualCategory;
  return (
    <Block title={t('clientAnalytics.segmentsTitle')} testId="client-analytics-segments">
      <Stack gap={8}>
        <SegmentBadge
          label={t('figures.abcProfit')}
          value={f.abcProfit}
          filter={f.abcProfit ? { abcProfit: f.abcProfit } : undefined}
        />
        <SegmentBadge
          label={t('figures.abcRevenue')}
          value={f.abcRevenue}
          filter={f.abcRevenue ? { abcRevenue: f.abcRevenue } : undefined}
        />
        <SegmentBadge
          label={t('figures.xyz')}
          value={f.xyz ?? (f.abcProfit ? t('matrix.noClass') : null)}
          filter={f.abcProfit ? { xyz: f.xyz ?? 'none' } : undefined}
        />
        <SegmentBadge
          label={t('figures.rfmSegment')}
          value={
            f.rfmSegment ? `${segmentLabel('rfmSegment', f.rfmSegment, language)}${scores ? ` · ${scores}` : ''}` : null
          }
          filter={f.rfmSegment ? { rfmSegment: f.rfmSegment } : undefined}
          color="teal"
        />
        <SegmentBadge
          label={t('figures.computedCategory')}
          value={category ? segmentLabel('category', category, language) : null}
          filter={category ? { category } : undefined}
          color={category === 'loss_making' ? 'red' : category === 'productive' ? 'teal' : 'gray'}
        />
        <SegmentBadge
          label={t('clientAnalytics.manualCategory')}
          value={manual ? segmentLabel('category', manual, language) : null}
          filter={manual ? { category: manual } : undefined}
          color="grape"
          tip={data.manualCategoryReason ?? undefined}
        />
        {manual && data.manualCategoryReason ? (
          <Text size="xs" c="dimmed">
            {t('clientAnalytics.manualReason', { value: data.manualCategoryReason })}
          </Text>
        ) : null}
        {manual && category && manual !== category ? (
          <Text size="xs" c="dimmed">
            {t('clientAnalytics.manualWins')}
          </Text>
        ) : null}
      </Stack>
    </Block>
  );
}

function LadderHistory({ data }: { data: ClientAnalyticsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const stage = data.figures.ladderStage;
  const history = [...data.stages].reverse();
  const rank = (s: string | null) => (s ? ((ladderRank as Record<string, number>)[s] ?? 0) : 0);
  return (
    <Block title={t('clientAnalytics.ladderTitle')} testId="client-analytics-ladder">
      <Stack gap="sm">
        <Group gap="xs">
          {stage ? (
            <Badge
              size="lg"
              variant="filled"
              color={stage === 'lost' ? 'red' : 'teal'}
              tt="none"
              component={Link}
              to={clientsHref({ ladderStage: stage })}
              style={{ cursor: 'pointer' }}
            >
              {segmentLabel('ladderStage', stage, language)}
            </Badge>
          ) : (
            <Text size="sm" c="dimmed">
              {NO_VALUE}
            </Text>
          )}
          {data.figures.stageSince ? (
            <Text size="sm" c="dimmed">
              {t('clientAnalytics.since', { value: formatMonth(data.figures.stageSince, language) })}
            </Text>
          ) : null}
        </Group>
        {history.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('clientAnalytics.noHistory')}
          </Text>
        ) : (
          <Timeline active={0} bulletSize={14} lineWidth={2} aria-label={t('clientAnalytics.ladderTitle')}>
            {history.map((h) => {
              const up = rank(h.stage) > rank(h.previousStage);
              return (
                <Timeline.Item
                  key={`${h.month}:${h.stage}`}
                  color={h.stage === 'lost' ? 'red' : up ? 'teal' : 'orange'}
                  title={
                    <Text size="sm" fw={600}>
                      {segmentLabel('ladderStage', h.stage, language)}
                    </Text>
                  }
                >
                  <Text size="xs" c="dimmed">
                    {formatMonth(h.month, language)}
                    {h.previousStage
                      ? ` · ${t('clientAnalytics.fromStage', { value: segmentLabel('ladderStage', h.previousStage, language) })}`
                      : ''}
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
      </Stack>
    </Block>
  );
}

function MonthlyChart({ data }: { data: ClientAnalyticsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const last = `${(data.period.asOf ?? data.period.to).slice(0, 7)}-01`;
  const byMonth = new Map(data.months.map((m) => [m.month.slice(0, 7), m]));
  const series = Array.from({ length: MONTHS }, (_, i) => {
    const month = addMonths(last, i - (MONTHS - 1));
    const m = byMonth.get(month.slice(0, 7));
    // A month with no cost data has no margin bar (null), not a bar of 0 or of the whole revenue.
    return {
      month: formatMonthShort(month, language),
      revenue: m ? Number(m.revenue) : 0,
      margin: m?.margin == null ? null : Number(m.margin),
    };
  });
  const any = series.some((s) => s.revenue !== 0 || (s.margin ?? 0) !== 0);
  // Round ticks in one unit and one precision ("0,5 млн", "1,0 млн"), a negative margin with the minus sign.
  const values = series.flatMap((s) => [s.revenue, s.margin ?? 0]);
  const scale = niceScale(Math.min(0, ...values), Math.max(0, ...values), 5);
  const tick = compactAxisFormatter(scale, language);
  return (
    <Block title={t('clientAnalytics.monthlyTitle')} testId="client-analytics-monthly">
      {!any ? (
        <EmptyBlock title={t('clientAnalytics.noSales')} />
      ) : (
        <BarChart
          h={280}
          data={series}
          dataKey="month"
          series={[
            { name: 'revenue', label: t('figures.revenue'), color: 'indigo.5' },
            { name: 'margin', label: t('figures.margin'), color: 'teal.6' },
          ]}
          withLegend
          legendProps={{ verticalAlign: 'top', height: 36 }}
          valueFormatter={(v) => formatMoney(v.toFixed(2), language)}
          yAxisProps={{ width: 72, domain: scale.domain, ticks: scale.ticks, tickFormatter: tick }}
          xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 8 }}
          aria-label={t('clientAnalytics.monthlyTitle')}
        />
      )}
    </Block>
  );
}
