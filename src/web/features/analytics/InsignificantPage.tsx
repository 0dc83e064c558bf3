/** Steady clients that together give little profit yet take managers' time: develop them or part with them. */
import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { Pager } from '../../components/Pager.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatMoney, formatMoneyCompact, formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useInsignificant, type InsignificantT } from './api.js';
import { useUsers } from '../../lib/users.js';
import { FiguresTable, sortFromParam, sortToParam, type ColumnKey, type Sort } from '../../components/FiguresTable.js';
import { clientsHref } from './links.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { FigureCard } from '../../components/FigureCard.js';
import { Section } from '../../components/Section.js';
import { UnknownProfitNote } from './ui.js';

const PAGE_SIZE = 25;
const DEFAULT_SORT: Sort = { key: 'managerMinutes', desc: true };
const columns: ColumnKey[] = [
  'owner',
  'revenue',
  'profit',
  'profitShare',
  'managerMinutes',
  'timeShare',
  'orders',
  'ladderStage',
  'rfmSegment',
];

export default function InsignificantPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const pageParam = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 ? pageParam : 1;
  const sort = sortFromParam(params.get('sort')) ?? DEFAULT_SORT;
  const report = useInsignificant({ page, pageSize: PAGE_SIZE, sort: sortToParam(sort) });

  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        if (v === null) next.delete(k);
        else next.set(k, v);
      }
      return next;
    });

  if (report.isPending) return <PageLoader />;
  if (report.isError && !report.data) return <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />;
  const data = report.data;
  return (
    <Stack gap="md">
      <Totals data={data} />
      <Section
        title={t('insignificant.listTitle')}
        description={t('insignificant.listDescription')}
        actions={
          <Group gap="xs">
            <Button component={Link} to={clientsHref({ category: 'insignificant' })} variant="subtle" size="xs">
              {t('insignificant.openInList')}
            </Button>
            <ExportButtons
              path="/analytics/insignificant"
              query={{ sort: sortToParam(sort) }}
              testIdPrefix="insignificant-export"
            />
          </Group>
        }
        testId="insignificant-list"
      >
        {report.isError ? <ErrorAlert error={report.error} onRetry={() => void report.refetch()} /> : null}
        <List
          data={data}
          sort={sort}
          onSort={(key) => {
            const next: Sort = sort.key === key ? { key, desc: !sort.desc } : { key, desc: true };
            update({ sort: sortToParam(next) === sortToParam(DEFAULT_SORT) ? null : sortToParam(next), page: null });
          }}
          busy={report.isFetching}
          dimmed={report.isPlaceholderData}
        />
        <Pager
          total={data.total}
          pageSize={PAGE_SIZE}
          page={page}
          onChange={(value) => update({ page: value === 1 ? null : String(value) })}
          label={t('clients.pagination')}
          withEdges
          mt="md"
        />
      </Section>
    </Stack>
  );
}

function Totals({ data }: { data: InsignificantT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const g = data.totals;
  const hours = Math.round(g.managerMinutes / 60);
  return (
    <Stack gap="md">
      {g.clients > 0 ? (
        <Alert
          color={g.takesBulkOfTime ? 'red' : 'indigo'}
          variant="light"
          title={t('insignificant.title')}
          data-testid="insignificant-sentence"
        >
          <Stack gap={4}>
            <Text size="lg" fw={600}>
              {t('insignificant.sentence', {
                count: g.clients,
                clients: formatNumber(g.clients, language),
                profit: formatPercent(g.profitShare, language),
                time: formatPercent(g.timeShare, language),
              })}
            </Text>
            <Text size="sm">
              {g.takesBulkOfTime
                ? t('insignificant.bulkYes', { time: formatPercent(g.timeThresholdPct / 100, language) })
                : t('insignificant.bulkNo', { time: formatPercent(g.timeThresholdPct / 100, language) })}
            </Text>
            <Text size="sm" c="dimmed">
              {t('insignificant.rule', {
                profit: formatPercent(g.profitThresholdPct / 100, language),
                time: formatPercent(g.timeThresholdPct / 100, language),
              })}
            </Text>
            <Text size="sm" c="dimmed" data-testid="insignificant-not-a">
              {t('insignificant.notClassA')}
            </Text>
            <UnknownProfitNote count={g.unknownProfitClients} testId="insignificant-unknown-profit" />
            {g.rfmChampions > 0 ? (
              <Text size="sm" data-testid="insignificant-champions">
                {t('insignificant.champions', {
                  count: g.rfmChampions,
                  clients: formatNumber(g.rfmChampions, language),
                })}
              </Text>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <FigureCard
          label={t('insignificant.clients')}
          value={formatNumber(g.clients, language)}
          testId="insignificant-clients"
        />
        <FigureCard
          label={t('insignificant.profit')}
          value={formatMoneyCompact(g.profit, language)}
          title={formatMoney(g.profit, language)}
          hint={t('insignificant.profitShare', { value: formatPercent(g.profitShare, language) })}
        />
        <FigureCard
          label={t('insignificant.time')}
          value={t('insignificant.hours', { value: formatNumber(hours, language) })}
          hint={t('insignificant.timeShare', { value: formatPercent(g.timeShare, language) })}
        />
        <FigureCard
          label={t('insignificant.verdict')}
          value={g.takesBulkOfTime ? t('insignificant.verdictBad') : t('insignificant.verdictOk')}
          tone={g.takesBulkOfTime ? 'bad' : 'good'}
        />
      </SimpleGrid>
    </Stack>
  );
}

function List({
  data,
  sort,
  onSort,
  busy,
  dimmed,
}: {
  data: InsignificantT;
  sort: Sort;
  onSort: (key: Sort['key']) => void;
  busy: boolean;
  dimmed: boolean;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const users = useUsers();
  const names = new Map((users.data ?? []).map((u) => [u.id, u.name]));
  if (data.items.length === 0)
    return <EmptyBlock title={t('insignificant.none')} description={t('insignificant.noneDescription')} />;
  return (
    <FiguresTable
      items={data.items}
      columns={columns}
      sort={sort}
      onSort={onSort}
      from={location.pathname + location.search}
      ownerName={(id) => (id === null ? null : (names.get(id) ?? null))}
      caption={t('insignificant.listTitle')}
      busy={busy}
      dimmed={dimmed}
    />
  );
}
