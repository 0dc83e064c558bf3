/** Retention per quarter or year against the reference, and significant clients lost against gained. */
import { Anchor, Badge, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useRetention, type FlowsT } from './api.js';
import { RetentionChart } from './RetentionChart.js';
import { addMonths, periodComplete, todayIso, usePeriodLabel } from '../../lib/dates.js';
import { clientsHref } from './links.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { Section } from '../../components/Section.js';
import classes from './analytics.module.css';
import { WideTable } from '../../components/WideTable.js';

export default function RetentionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const grain = params.get('grain') === 'year' ? 'year' : 'quarter';
  const flows = useRetention(grain);
  const setGrain = (value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'year') next.set('grain', 'year');
        else next.delete('grain');
        return next;
      },
      { replace: true },
    );

  let body;
  if (flows.isPending) body = <PageLoader />;
  else if (flows.isError && !flows.data) body = <ErrorAlert error={flows.error} onRetry={() => void flows.refetch()} />;
  else if (flows.data && flows.data.periods.length === 0)
    body = <EmptyBlock title={t('analytics.noDataTitle')} description={t('analytics.noDataDescription')} />;
  else if (flows.data) body = <RetentionView flows={flows.data} grain={grain} />;

  return (
    <Section
      title={t('retention.title')}
      description={t('retention.description')}
      actions={<ExportButtons path="/analytics/retention" query={{ grain }} testIdPrefix="retention-export" />}
    >
      <Stack gap="md">
        <Group gap="sm" align="center">
          <Text size="sm" fw={500} id="retention-grain-label">
            {t('retention.grain')}
          </Text>
          <SegmentedControl
            aria-labelledby="retention-grain-label"
            value={grain}
            onChange={setGrain}
            data={[
              { value: 'quarter', label: t('retention.byQuarter') },
              { value: 'year', label: t('retention.byYear') },
            ]}
            data-testid="retention-grain"
          />
        </Group>
        {body}
      </Stack>
    </Section>
  );
}

function RetentionView({ flows, grain }: { flows: FlowsT; grain: 'quarter' | 'year' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const periodLabel = usePeriodLabel();
  const today = todayIso();
  const target = flows.retentionTargetPct;
  const rows = flows.periods.map((p) => ({
    ...p,
    label: periodLabel(p.period, grain),
    complete: periodComplete(p.period, grain, today),
  }));
  const data = rows
    .filter((r) => r.retentionRate !== null)
    .map((r) => ({ period: r.label, rate: Math.round((r.retentionRate ?? 0) * 1000) / 10, complete: r.complete }));
  const alarms = rows.filter((r) => r.alarm);
  // The last month of a period, never past the current month (the API refuses a period ending in the future).
  const periodEnd = (start: string) => {
    const end = addMonths(start, grain === 'quarter' ? 2 : 11).slice(0, 7);
    return end > today.slice(0, 7) ? today.slice(0, 7) : end;
  };

  return (
    <Stack gap="md">
      {alarms.length > 0 ? (
        <Text size="sm" c="red.7" fw={600} role="status">
          {t('retention.alarmSummary', { periods: alarms.map((a) => a.label).join(', ') })}
        </Text>
      ) : (
        <Text size="sm" c="teal.8">
          {t('retention.noAlarms')}
        </Text>
      )}
      {data.length > 0 ? (
        <RetentionChart
          data={data}
          targetPct={target}
          height={300}
          label={t('retention.title')}
          grain={grain}
          testId="retention-chart"
        />
      ) : null}
      <WideTable minWidth={760} label={t('retention.tableLabel')}>
        <Table verticalSpacing="xs" aria-label={t('retention.tableLabel')} data-testid="retention-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('retention.period')}</Table.Th>
              <Table.Th ta="right">{t('retention.previousBuyers')}</Table.Th>
              <Table.Th ta="right">{t('retention.retained')}</Table.Th>
              <Table.Th ta="right">{t('retention.rate')}</Table.Th>
              <Table.Th ta="right">{t('retention.significantLost')}</Table.Th>
              <Table.Th ta="right">{t('retention.significantGained')}</Table.Th>
              <Table.Th>{t('retention.alarm')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...rows].reverse().map((r) => {
              const below = r.retentionRate !== null && r.retentionRate * 100 < target;
              return (
                <Table.Tr
                  key={r.period}
                  className={r.alarm ? classes.alarmRow : undefined}
                  data-alarm={r.alarm || undefined}
                >
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={clientsHref({
                        from: r.period.slice(0, 7),
                        to: periodEnd(r.period),
                        minRevenue: '0.01',
                        sort: '-revenue',
                      })}
                      size="sm"
                      fw={600}
                      title={t('retention.openBuyers', { period: r.label })}
                    >
                      {r.label}
                    </Anchor>
                    {!r.complete ? (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        {t(grain === 'year' ? 'retention.yearRunning' : 'retention.quarterRunning')}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.num}>
                    {formatNumber(r.previousBuyers, language)}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.num}>
                    {formatNumber(r.retained, language)}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.num}>
                    <Text size="sm" fw={600} c={below ? 'red.7' : 'teal.8'}>
                      {formatPercent(r.retentionRate, language, 1)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right" className={classes.num}>
                    {formatNumber(r.significantLost, language)}
                  </Table.Td>
                  <Table.Td ta="right" className={classes.num}>
                    {formatNumber(r.significantGained, language)}
                  </Table.Td>
                  <Table.Td>
                    {r.alarm ? (
                      <Badge color="red" variant="filled">
                        {t('retention.alarmYes')}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {t('retention.alarmNo')}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </WideTable>
      <Text size="sm" c="dimmed">
        {t('retention.howToRead', { target: formatPercent(target / 100, language) })}
      </Text>
    </Stack>
  );
}
