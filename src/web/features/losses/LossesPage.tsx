/**
 * Lost clients (/analytics/losses): over a chosen period, the Pareto of loss reasons (bars by count
 * or by the profit lost, and the cumulative line with Juran's 80 % cut), the competitors clients
 * leave for, the share won back, and every loss record with a link to its client's card. The period,
 * basis, filters and page live in the address, so a link opens the same view.
 */
import { Anchor, Badge, Group, SegmentedControl, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { withFilterChanges } from '../../lib/address.js';
import { Link, useSearchParams } from 'react-router';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatDate, formatMoney, formatNumber, formatPercent, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel, useEnumOptions } from '../../lib/labels.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { FigureCard } from '../../components/FigureCard.js';
import { PeriodText } from '../../components/PeriodText.js';
import { Section } from '../../components/Section.js';
import { CompositeChart } from '../../components/charts.js';
import { useLossList, useLossPareto, type LossListQuery, type LossParetoT } from './queries.js';
import { DateField } from '../../components/DateField.js';
import { WideTable } from '../../components/WideTable.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_SIZE = 50;
const states = ['open', 'won_back'] as const;

export default function LossesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  const from = DATE.test(fromParam) ? fromParam : null;
  const to = DATE.test(toParam) ? toParam : null;
  const by = params.get('by') === 'profit' ? 'profit' : 'count';
  const badOrder = from !== null && to !== null && from > to;
  const pareto = useLossPareto(badOrder ? null : from, badOrder ? null : to, by);

  /** Sets (or, with null/empty, removes) address parameters; any change but the page goes back to page 1. */
  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => withFilterChanges(prev, changes), { replace: true });

  const shownFrom = from ?? pareto.data?.period.from ?? '';
  const shownTo = to ?? pareto.data?.period.to ?? '';
  let body;
  if (pareto.isPending) body = <PageLoader />;
  else if (pareto.isError && !pareto.data)
    body = <ErrorAlert error={pareto.error} onRetry={() => void pareto.refetch()} />;
  else if (pareto.data) body = <ParetoView pareto={pareto.data} onReason={(reason) => update({ reason })} />;

  return (
    <Stack gap="md">
      <Section title={t('losses.page.title')} description={t('losses.page.description')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <DateField
            w={170}
            label={t('losses.page.from')}
            value={shownFrom}
            onChange={(value) => update({ from: value || null, ...(to === null && shownTo ? { to: shownTo } : {}) })}
            data-testid="losses-from"
          />
          <DateField
            w={170}
            label={t('losses.page.to')}
            value={shownTo}
            onChange={(value) =>
              update({ to: value || null, ...(from === null && shownFrom ? { from: shownFrom } : {}) })
            }
            error={badOrder ? t('losses.page.badPeriod') : undefined}
            data-testid="losses-to"
          />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t('losses.page.by')}
            </Text>
            <SegmentedControl
              value={by}
              onChange={(value) => update({ by: value === 'profit' ? 'profit' : null })}
              data={[
                { value: 'count', label: t('losses.page.byCount') },
                { value: 'profit', label: t('losses.page.byProfit') },
              ]}
              data-testid="losses-by"
            />
          </Stack>
          {pareto.data ? (
            <Text size="sm" c="dimmed" pb={8}>
              <PeriodText from={pareto.data.period.from} to={pareto.data.period.to} />
              {pareto.isFetching ? ` · ${t('clients.updating')}` : ''}
            </Text>
          ) : null}
        </Group>
        {pareto.isError && pareto.data ? <ErrorAlert error={pareto.error} /> : null}
        <Text size="sm" mt="sm">
          <Anchor component={Link} to="/analytics/retention">
            {t('losses.page.alarmLink')}
          </Anchor>
        </Text>
      </Section>
      {body}
      <LossList
        from={pareto.data?.period.from ?? null}
        to={pareto.data?.period.to ?? null}
        params={params}
        update={update}
      />
    </Stack>
  );
}

function ParetoView({ pareto, onReason }: { pareto: LossParetoT; onReason: (reason: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const byProfit = pareto.by === 'profit';
  const data = pareto.reasons.map((r) => ({
    reason: label('lossReason', r.reason),
    value: byProfit ? Number(r.profitLost) : r.count,
    cumulative: Math.round(r.cumulativeShare * 1000) / 10,
  }));
  const vitalFew = pareto.reasons.filter((r) => r.vitalFew).map((r) => label('lossReason', r.reason));

  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <FigureCard
          testId="losses-count"
          label={t('losses.page.losses')}
          value={formatNumber(pareto.losses, language)}
          hint={t('losses.page.lossesHint')}
        />
        <FigureCard
          testId="losses-significant"
          label={t('losses.page.significant')}
          value={formatNumber(pareto.significant, language)}
          tone={pareto.significant > 0 ? 'bad' : undefined}
          hint={t('losses.page.significantHint')}
        />
        <FigureCard
          testId="losses-profit"
          label={t('losses.page.profitLost')}
          value={formatMoney(pareto.profitLost, language)}
          hint={t('losses.page.profitLostHint')}
        />
        <FigureCard
          testId="losses-won-back"
          label={t('losses.page.wonBackRate')}
          value={formatPercent(pareto.wonBackRate, language)}
          tone={pareto.wonBackRate !== null && pareto.wonBackRate > 0 ? 'good' : undefined}
          hint={t('losses.page.wonBackHint', {
            wonBack: formatNumber(pareto.wonBack, language),
            losses: formatNumber(pareto.losses, language),
          })}
        />
      </SimpleGrid>
      {pareto.losses === 0 ? (
        <EmptyBlock title={t('losses.page.emptyTitle')} description={t('losses.page.emptyDescription')} />
      ) : (
        <>
          <Section
            title={t('losses.page.paretoTitle')}
            description={t('losses.page.paretoDescription')}
            testId="losses-pareto"
          >
            <Stack gap="md">
              {vitalFew.length ? (
                <Text fw={500}>{t('losses.page.vitalFew', { reasons: vitalFew.join(', ') })}</Text>
              ) : null}
              {byProfit && Number(pareto.profitLost) === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('losses.page.noProfit')}
                </Text>
              ) : null}
              <CompositeChart
                h={340}
                data={data}
                dataKey="reason"
                series={[
                  {
                    name: 'value',
                    label: byProfit ? t('losses.page.seriesProfit') : t('losses.page.seriesCount'),
                    color: 'red.6',
                    type: 'bar',
                  },
                  {
                    name: 'cumulative',
                    label: t('losses.page.seriesCumulative'),
                    color: 'indigo.7',
                    type: 'line',
                    yAxisId: 'right',
                  },
                ]}
                withLegend
                withRightYAxis
                curveType="linear"
                maxBarWidth={64}
                yAxisProps={{ width: byProfit ? 96 : 48, allowDecimals: false }}
                rightYAxisProps={{
                  domain: [0, 100],
                  width: 56,
                  tickFormatter: (v: number) => formatPercent(v / 100, language, 0),
                }}
                valueFormatter={(v) => (byProfit ? formatMoney(String(v), language) : formatNumber(v, language))}
                referenceLines={[
                  {
                    y: 80,
                    yAxisId: 'right',
                    color: 'gray.6',
                    label: t('losses.page.cut'),
                    labelPosition: 'insideTopRight',
                  },
                ]}
                aria-label={t('losses.page.paretoTitle')}
              />
              <ReasonTable pareto={pareto} onReason={onReason} />
            </Stack>
          </Section>
          <Section
            title={t('losses.page.competitorsTitle')}
            description={t('losses.page.competitorsDescription')}
            testId="losses-competitors"
          >
            {pareto.competitors.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('losses.page.noCompetitors')}
              </Text>
            ) : (
              <WideTable minWidth={420} label={t('losses.page.competitorsTitle')}>
                <Table striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('losses.fields.competitor')}</Table.Th>
                      <Table.Th ta="right">{t('losses.page.count')}</Table.Th>
                      <Table.Th ta="right">{t('losses.page.profitLostColumn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {pareto.competitors.map((c) => (
                      <Table.Tr key={c.competitor}>
                        <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.competitor}</Table.Td>
                        <Table.Td ta="right">{formatNumber(c.count, language)}</Table.Td>
                        <Table.Td ta="right">{formatMoney(c.profitLost, language)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            )}
          </Section>
        </>
      )}
    </>
  );
}

function ReasonTable({ pareto, onReason }: { pareto: LossParetoT; onReason: (reason: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  return (
    <WideTable minWidth={720} label={t('losses.page.paretoTitle')}>
      <Table striped data-testid="losses-reasons">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('losses.fields.reason')}</Table.Th>
            <Table.Th ta="right">{t('losses.page.count')}</Table.Th>
            <Table.Th ta="right">{t('losses.page.share')}</Table.Th>
            <Table.Th ta="right">{t('losses.page.cumulative')}</Table.Th>
            <Table.Th ta="right">{t('losses.page.profitLostColumn')}</Table.Th>
            <Table.Th ta="right">{t('losses.page.significantColumn')}</Table.Th>
            <Table.Th ta="right">{t('losses.page.wonBackColumn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pareto.reasons.map((r) => (
            <Table.Tr key={r.reason} data-testid={`losses-reason-${r.reason}`}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Anchor component="button" type="button" size="sm" onClick={() => onReason(r.reason)}>
                    {label('lossReason', r.reason)}
                  </Anchor>
                  {r.vitalFew ? (
                    <Badge size="xs" color="red" variant="light">
                      {t('losses.page.vitalFewBadge')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td ta="right">{formatNumber(r.count, language)}</Table.Td>
              <Table.Td ta="right">{formatPercent(r.share, language, 1)}</Table.Td>
              <Table.Td ta="right">{formatPercent(r.cumulativeShare, language, 1)}</Table.Td>
              <Table.Td ta="right">{formatMoney(r.profitLost, language)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.significant, language)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.wonBack, language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function LossList({
  from,
  to,
  params,
  update,
}: {
  from: string | null;
  to: string | null;
  params: URLSearchParams;
  update: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const reasonOptions = useEnumOptions('lossReason');
  const reasonParam = params.get('reason');
  const stateParam = params.get('state');
  const pageParam = Number(params.get('page') ?? '1');
  const query: LossListQuery = {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(isEnumValue('lossReason', reasonParam) ? { reason: reasonParam } : {}),
    ...(stateParam === 'open' || stateParam === 'won_back' ? { state: stateParam } : {}),
    ...(Number.isInteger(pageParam) && pageParam > 1 && pageParam <= 100000 ? { page: pageParam } : {}),
  };
  const list = useLossList(query);

  return (
    <Section
      title={t('losses.page.listTitle')}
      description={list.data ? t('losses.page.listCount', { count: list.data.total }) : undefined}
      actions={<ExportButtons path="/losses" query={{ ...query }} testIdPrefix="losses-export" />}
      testId="losses-list"
    >
      <Stack gap="sm">
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Select
            w={260}
            label={t('losses.fields.reason')}
            placeholder={t('losses.page.allReasons')}
            clearable
            data={reasonOptions}
            value={query.reason ?? null}
            onChange={(value) => update({ reason: value })}
            comboboxProps={{ withinPortal: true }}
            data-testid="losses-filter-reason"
          />
          <Select
            w={220}
            label={t('losses.page.state')}
            placeholder={t('losses.page.stateAll')}
            clearable
            data={states.map((s) => ({ value: s, label: t(`losses.page.states.${s}`) }))}
            value={query.state ?? null}
            onChange={(value) => update({ state: value })}
            comboboxProps={{ withinPortal: true }}
          />
        </Group>
        <PagedTable
          query={list}
          loaderHeight={120}
          empty={
            <Text size="sm" c="dimmed">
              {t('losses.page.listEmpty')}
            </Text>
          }
          pager={{
            pageSize: PAGE_SIZE,
            page: query.page ?? 1,
            onChange: (page) => update({ page: page > 1 ? String(page) : null }),
            justify: 'flex-end',
          }}
        >
          {(data) => (
            <WideTable minWidth={960} label={t('losses.page.listTitle')}>
              <Table striped highlightOnHover verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('losses.fields.lostOn')}</Table.Th>
                    <Table.Th>{t('losses.page.client')}</Table.Th>
                    <Table.Th>{t('losses.fields.reason')}</Table.Th>
                    <Table.Th>{t('losses.fields.competitor')}</Table.Th>
                    <Table.Th>{t('losses.fields.significance')}</Table.Th>
                    <Table.Th ta="right">{t('losses.fields.profitAtLoss')}</Table.Th>
                    <Table.Th>{t('losses.fields.systemicError')}</Table.Th>
                    <Table.Th>{t('losses.page.wonBackOn')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((l) => (
                    <Table.Tr key={l.id} data-testid={`loss-row-${l.id}`}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(l.lostOn, language)}</Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/clients/${l.clientId}`}
                          size="sm"
                          style={{ overflowWrap: 'anywhere' }}
                        >
                          {l.clientName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{label('lossReason', l.reason)}</Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{l.competitor ?? NO_VALUE}</Table.Td>
                      <Table.Td>{label('significance', l.significance)}</Table.Td>
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        {formatMoney(l.profitAtLoss, language)}
                      </Table.Td>
                      <Table.Td maw={320}>
                        <Text size="sm" lineClamp={2} title={l.systemicError ?? undefined}>
                          {l.systemicError ?? NO_VALUE}
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {l.wonBackOn ? (
                          <Badge color="teal" variant="light">
                            {formatDate(l.wonBackOn, language)}
                          </Badge>
                        ) : (
                          <Text size="sm" c="dimmed">
                            {t('losses.page.notBack')}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          )}
        </PagedTable>
      </Stack>
    </Section>
  );
}
