/** The head of sales' first screen: money, retention, the ladder, the alarm and the clients to look at. */
import { Alert, Anchor, Button, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatMoney, formatMoneyCompact, formatNumber, formatPercent, kopecksOf, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useFiguresList } from '../../lib/figures.js';
import { useSummary, type FlowPeriodT, type SummaryT } from './api.js';
import { RetentionChart } from './RetentionChart.js';
import { ladderStages, segmentLabel } from '../../lib/segments.js';
import { periodComplete, usePeriodLabel } from '../../lib/dates.js';
import { clientsHref, lossMakingHref, mostProfitableHref } from './links.js';
import { BarRows, RecomputeBar } from './ui.js';
import { FigureCard } from '../../components/FigureCard.js';
import { Section } from '../../components/Section.js';
import classes from './analytics.module.css';
import { WideTable } from '../../components/WideTable.js';

const TOP = 5;
/** The ladder drawn top-down: the best stage first, the lost last. */
const ladderTopDown = [...ladderStages.filter((s) => s !== 'lost').reverse(), 'lost'] as const;
const stageColor: Record<string, string> = {
  adherent: 'teal.7',
  frequent: 'teal.5',
  repeat_purchase: 'indigo.6',
  first_purchase: 'indigo.3',
  aware: 'gray.5',
  unaware: 'gray.3',
  lost: 'red.5',
};

export default function DashboardPage() {
  const { t } = useTranslation();
  const summary = useSummary();

  if (summary.isPending) return <PageLoader />;
  if (summary.isError) return <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;

  const header = (
    <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
      <div>
        <Title order={1} size="h2">
          {t('dashboard.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('dashboard.subtitle')}
        </Text>
      </div>
      <RecomputeBar computedAt={s.computedAt} />
    </Group>
  );

  if (s.totals.clients === 0) {
    return (
      <Stack gap="md">
        {header}
        <EmptyBlock
          title={t('dashboard.emptyTitle')}
          description={t('dashboard.emptyDescription')}
          action={
            <Button component={Link} to="/clients" variant="light">
              {t('dashboard.toClients')}
            </Button>
          }
        />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {header}
      {s.computedAt === null ? (
        <Alert color="yellow" variant="light" title={t('dashboard.notComputedTitle')}>
          {t('dashboard.notComputedDescription')}
        </Alert>
      ) : null}
      <SignificantAlarm summary={s} />
      <HeadlineFigures summary={s} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <LadderBlock summary={s} />
        <RetentionBlock summary={s} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <TopClients kind="profitable" />
        <TopClients kind="lossMaking" />
      </SimpleGrid>
      <InsignificantBlock summary={s} />
    </Stack>
  );
}

/** The latest period of the quarterly flows, and whether it has ended yet. */
function latestQuarter(s: SummaryT): { period: FlowPeriodT; complete: boolean } | null {
  const last = s.quarters.at(-1);
  if (!last) return null;
  const today = s.period?.asOf ?? new Date().toISOString().slice(0, 10);
  return { period: last, complete: periodComplete(last.period, 'quarter', today) };
}

function lastCompleteQuarter(s: SummaryT): FlowPeriodT | null {
  const today = s.period?.asOf ?? new Date().toISOString().slice(0, 10);
  return (
    [...s.quarters].reverse().find((q) => periodComplete(q.period, 'quarter', today) && q.retentionRate !== null) ??
    null
  );
}

function SignificantAlarm({ summary }: { summary: SummaryT }) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  const latest = latestQuarter(summary);
  if (!latest || !latest.period.alarm) return null;
  const label = periodLabel(latest.period.period, 'quarter');
  return (
    <Alert color="red" variant="filled" role="alert" title={t('dashboard.alarmTitle')} data-testid="dashboard-alarm">
      <Stack gap={6} align="flex-start">
        <Text size="md" fw={600}>
          {t('dashboard.alarmText', {
            period: latest.complete ? label : t('dashboard.periodSoFar', { period: label }),
            lost: latest.period.significantLost,
            gained: latest.period.significantGained,
          })}
        </Text>
        <Text size="sm">{t('dashboard.alarmAdvice')}</Text>
        <Anchor component={Link} to="/analytics/retention" c="white" fw={600} size="sm" underline="always">
          {t('dashboard.alarmLink')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

function HeadlineFigures({ summary: s }: { summary: SummaryT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const periodLabel = usePeriodLabel();
  const target = s.retentionTargetPct / 100;
  const quarter = lastCompleteQuarter(s);
  const rate = quarter?.retentionRate ?? null;
  const latest = latestQuarter(s);
  const revenue = kopecksOf(s.totals.revenue);
  // Profit adds up the clients whose cost is known: its share is of the revenue it covers, and the rest is said.
  const coverage = s.totals.costCoverage;
  const covered = revenue - kopecksOf(coverage.revenueWithoutCost);
  const noCost = revenue !== 0 && coverage.revenueWithCostPct === 0;
  const marginShare = covered !== 0 ? kopecksOf(s.totals.profit) / covered : null;
  // A sliver without a cost is said as "< 0.1 %", never rounded away to 0 %.
  const uncoveredShare = revenue > 0 ? (revenue - covered) / revenue : 0;
  const tiny = uncoveredShare > 0 && uncoveredShare < 0.001;
  const profitHint = noCost
    ? t('dashboard.noCostDataHint')
    : revenue > 0 && covered !== revenue
      ? t('dashboard.profitCoverage', {
          covered: tiny ? `> ${formatPercent(0.999, language)}` : formatPercent(1 - uncoveredShare, language),
          uncovered: tiny ? `< ${formatPercent(0.001, language)}` : formatPercent(uncoveredShare, language),
          amount: formatMoneyCompact(coverage.revenueWithoutCost, language),
          clients: formatNumber(coverage.unknownProfitClients, language),
        })
      : t('dashboard.profitHint', {
          cost: formatMoneyCompact(s.totals.costToServe, language),
          share: formatPercent(marginShare, language),
        });
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
      <FigureCard
        testId="dashboard-revenue"
        label={t('dashboard.revenue')}
        value={formatMoneyCompact(s.totals.revenue, language)}
        title={formatMoney(s.totals.revenue, language)}
        hint={t('dashboard.revenueHint', {
          margin: noCost ? t('figures.noCostData') : formatMoneyCompact(s.totals.margin, language),
          clients: formatNumber(s.totals.buyingClients, language),
        })}
      />
      <FigureCard
        testId="dashboard-profit"
        label={t('dashboard.profit')}
        value={noCost ? t('figures.noCostData') : formatMoneyCompact(s.totals.profit, language)}
        title={noCost ? undefined : formatMoney(s.totals.profit, language)}
        tone={!noCost && kopecksOf(s.totals.profit) < 0 ? 'bad' : undefined}
        hint={profitHint}
      />
      <FigureCard
        testId="dashboard-retention"
        label={
          quarter
            ? t('dashboard.retentionOf', { period: periodLabel(quarter.period, 'quarter') })
            : t('dashboard.retention')
        }
        value={formatPercent(rate, language)}
        tone={rate === null ? undefined : rate < target ? 'bad' : 'good'}
        to="/analytics/retention"
        hint={
          rate === null
            ? t('dashboard.retentionNone')
            : rate < target
              ? t('dashboard.retentionBelow', { target: formatPercent(target, language) })
              : t('dashboard.retentionAbove', { target: formatPercent(target, language) })
        }
      >
        {rate !== null ? (
          <Progress.Root size="md" mt="xs" aria-hidden>
            <Progress.Section value={Math.min(100, rate * 100)} color={rate < target ? 'red' : 'teal'} />
          </Progress.Root>
        ) : null}
      </FigureCard>
      <FigureCard
        testId="dashboard-significant"
        label={
          latest
            ? t('dashboard.significantOf', {
                period: latest.complete
                  ? periodLabel(latest.period.period, 'quarter')
                  : t('dashboard.periodSoFar', { period: periodLabel(latest.period.period, 'quarter') }),
              })
            : t('dashboard.significant')
        }
        value={
          latest
            ? t('dashboard.lostGained', {
                lost: latest.period.significantLost,
                gained: latest.period.significantGained,
              })
            : NO_VALUE
        }
        tone={latest?.period.alarm ? 'bad' : latest ? 'good' : undefined}
        to="/analytics/retention"
        hint={
          latest
            ? latest.period.alarm
              ? t('dashboard.significantAlarm')
              : t('dashboard.significantFine')
            : t('dashboard.retentionNone')
        }
      />
    </SimpleGrid>
  );
}

function LadderBlock({ summary: s }: { summary: SummaryT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const byStage = s.totals.byStage;
  const data = ladderTopDown.map((stage) => ({
    name: segmentLabel('ladderStage', stage, language),
    value: byStage[stage] ?? 0,
    color: stageColor[stage] ?? 'gray.5',
    stage,
  }));
  const total = data.reduce((sum, d) => sum + d.value, 0);
  return (
    <Section
      testId="dashboard-ladder"
      title={t('dashboard.ladderTitle')}
      description={t('dashboard.ladderDescription')}
      actions={
        <Anchor component={Link} to="/analytics/ladder" size="sm">
          {t('dashboard.ladderMore')}
        </Anchor>
      }
    >
      {total === 0 ? (
        <EmptyBlock title={t('dashboard.noData')} />
      ) : (
        <BarRows
          testIdPrefix="dashboard-ladder"
          rows={data.map((d) => ({
            key: d.stage,
            label: d.name,
            value: d.value,
            color: d.color,
            display: `${formatNumber(d.value, language)} · ${formatPercent(total ? d.value / total : null, language, 1)}`,
            to: clientsHref({ ladderStage: d.stage }),
            ariaLabel: t('dashboard.openStage', { stage: d.name, clients: d.value }),
          }))}
        />
      )}
    </Section>
  );
}

function RetentionBlock({ summary: s }: { summary: SummaryT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const periodLabel = usePeriodLabel();
  const target = s.retentionTargetPct;
  const today = s.period?.asOf ?? new Date().toISOString().slice(0, 10);
  const data = s.quarters
    .slice(-8)
    .filter((q) => q.retentionRate !== null)
    .map((q) => ({
      period: periodLabel(q.period, 'quarter'),
      rate: Math.round((q.retentionRate ?? 0) * 1000) / 10,
      complete: periodComplete(q.period, 'quarter', today),
    }));
  return (
    <Section
      title={t('dashboard.retentionTitle')}
      description={t('dashboard.retentionDescription', { target: formatPercent(target / 100, language) })}
      actions={
        <Anchor component={Link} to="/analytics/retention" size="sm">
          {t('dashboard.retentionMore')}
        </Anchor>
      }
    >
      {data.length === 0 ? (
        <EmptyBlock title={t('dashboard.noData')} />
      ) : (
        <RetentionChart data={data} targetPct={target} height={260} label={t('dashboard.retentionTitle')} />
      )}
    </Section>
  );
}

function TopClients({ kind }: { kind: 'profitable' | 'lossMaking' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const profitable = kind === 'profitable';
  const list = useFiguresList(
    profitable
      ? { sort: '-profit', pageSize: TOP, minProfit: '0.01' }
      : { sort: 'profit', pageSize: TOP, category: 'loss_making' },
  );
  const title = profitable ? t('dashboard.topProfitable') : t('dashboard.topLossMaking');
  return (
    <Section
      testId={profitable ? 'dashboard-top-profitable' : 'dashboard-top-loss'}
      title={title}
      description={profitable ? t('dashboard.topProfitableHint') : t('dashboard.topLossMakingHint')}
      actions={
        <Anchor component={Link} to={profitable ? mostProfitableHref : lossMakingHref} size="sm">
          {t('dashboard.allOfThem')}
        </Anchor>
      }
    >
      {list.isPending ? (
        <PageLoader minHeight={180} />
      ) : list.isError ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyBlock title={profitable ? t('dashboard.noProfitable') : t('dashboard.noLossMaking')} />
      ) : (
        <WideTable minWidth={420} label={title}>
          <Table verticalSpacing={6} aria-label={title}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('clients.columns.name')}</Table.Th>
                <Table.Th ta="right">{t('figures.revenue')}</Table.Th>
                <Table.Th ta="right">{t('dashboard.profitShort')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((c) => (
                <Table.Tr key={c.clientId}>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/clients/${c.clientId}`}
                      state={{ from: '/' }}
                      size="sm"
                      fw={600}
                      lineClamp={1}
                      title={c.name}
                    >
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right" className={classes.num}>
                    <Text size="sm">{formatMoney(c.figures.revenue, language)}</Text>
                  </Table.Td>
                  <Table.Td ta="right" className={classes.num}>
                    <Text size="sm" fw={600} c={Number(c.figures.profit) < 0 ? 'red.7' : 'teal.8'}>
                      {formatMoney(c.figures.profit, language)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Section>
  );
}

function InsignificantBlock({ summary: s }: { summary: SummaryT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const g = s.insignificant;
  return (
    <Section
      testId="dashboard-insignificant"
      title={t('dashboard.insignificantTitle')}
      actions={
        <Button component={Link} to="/analytics/insignificant" variant="light" size="xs">
          {t('dashboard.insignificantMore')}
        </Button>
      }
    >
      {g.clients === 0 ? (
        <Text size="sm" c="dimmed">
          {t('insignificant.none')}
        </Text>
      ) : (
        <Stack gap={4}>
          <Text size="md">
            {t('insignificant.sentence', {
              count: g.clients,
              clients: formatNumber(g.clients, language),
              profit: formatPercent(g.profitShare, language),
              time: formatPercent(g.timeShare, language),
            })}
          </Text>
          <Text size="sm" c={g.takesBulkOfTime ? 'red.7' : 'dimmed'}>
            {g.takesBulkOfTime
              ? t('insignificant.bulkYes', { time: formatPercent(g.timeThresholdPct / 100, language) })
              : t('insignificant.bulkNo', { time: formatPercent(g.timeThresholdPct / 100, language) })}
          </Text>
        </Stack>
      )}
    </Section>
  );
}
