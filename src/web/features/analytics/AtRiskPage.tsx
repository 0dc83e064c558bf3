/**
 * Significant clients at risk (/analytics/at-risk, docs/analytics.md §21.13): by the margin expected lost
 * because they may have gone, each with its owner and reasons; every row opens its client. The sort and
 * page live in the address.
 */
import { Badge, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { FigureCard } from '../../components/FigureCard.js';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock } from '../../components/QueryStates.js';
import { Section } from '../../components/Section.js';
import { SortableTh, listSortParam, type ListSort } from '../../components/SortableTh.js';
import { WideTable } from '../../components/WideTable.js';
import { ClientRow } from '../../components/ClientRow.js';
import { withFilterChanges } from '../../lib/address.js';
import { formatDate, formatMoney, formatNumber, formatPercent, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { useAtRisk, type AtRiskItemT, type AtRiskPageT } from './api.js';
import { fallbackLabel, formatChance } from './ForecastBlock.js';
import tableClasses from '../../components/FiguresTable.module.css';

const PAGE_SIZE = 50;
const sortKeys = ['expectedMarginLost', 'pAlive', 'expectedMargin12m', 'daysSinceLast', 'name'] as const;
type SortKey = (typeof sortKeys)[number];
const DEFAULT_SORT: ListSort<SortKey> = { key: 'expectedMarginLost', desc: true };

function sortFrom(value: string | null): ListSort<SortKey> {
  const desc = value?.startsWith('-') ?? false;
  const key = desc ? value!.slice(1) : value;
  return (sortKeys as readonly (string | null)[]).includes(key) ? { key: key as SortKey, desc } : DEFAULT_SORT;
}

export default function AtRiskPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const pageParam = Number(params.get('page') ?? '1');
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 100000 ? pageParam : 1;
  const sort = sortFrom(params.get('sort'));
  const list = useAtRisk({ page, pageSize: PAGE_SIZE, sort: listSortParam(sort) });
  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => withFilterChanges(prev, changes), { replace: true });
  const onSort = (key: SortKey) => {
    // Money and days from the largest, the probability and names from the smallest.
    const next = sort.key === key ? { key, desc: !sort.desc } : { key, desc: key !== 'pAlive' && key !== 'name' };
    update({ sort: listSortParam(next) === listSortParam(DEFAULT_SORT) ? null : listSortParam(next) });
  };

  return (
    <Stack gap="md">
      {list.data ? <Totals data={list.data} /> : null}
      <Section title={t('atRisk.title')} description={t('atRisk.description')} testId="at-risk-list">
        <Stack gap="sm">
          {list.data && list.data.model.status !== 'fitted' ? (
            <Text size="sm" c="dimmed" data-testid="at-risk-without-model">
              {t('atRisk.withoutModel')}
            </Text>
          ) : null}
          <PagedTable
            query={list}
            empty={<EmptyBlock title={t('atRisk.none')} description={t('atRisk.noneDescription')} />}
            pager={{
              page,
              pageSize: PAGE_SIZE,
              onChange: (value) => update({ page: value === 1 ? null : String(value) }),
              label: t('clients.pagination'),
              withEdges: true,
            }}
          >
            {(data) => (
              <AtRiskTable
                items={data.items}
                withModel={data.model.status === 'fitted'}
                sort={sort}
                onSort={onSort}
                dimmed={list.isPlaceholderData}
              />
            )}
          </PagedTable>
        </Stack>
      </Section>
    </Stack>
  );
}

function Totals({ data }: { data: AtRiskPageT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const m = data.model;
  const fitted = m.status === 'fitted';
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
      <FigureCard
        testId="at-risk-clients"
        label={t('atRisk.clients')}
        value={formatNumber(data.total, language)}
        tone={data.total > 0 ? 'bad' : undefined}
        hint={t('atRisk.clientsHint')}
      />
      <FigureCard
        testId="at-risk-lost"
        label={t('atRisk.lost')}
        value={fitted ? formatMoney(data.expectedMarginLost, language) : NO_VALUE}
        hint={fitted ? t('atRisk.lostHint') : t('atRisk.lostWithoutModel')}
      />
      <FigureCard
        testId="at-risk-model"
        label={t('atRisk.model')}
        value={t(`atRisk.status.${m.status}`)}
        tone={m.status === 'fitted' ? 'good' : undefined}
        hint={
          m.status === 'fallback'
            ? fallbackLabel(m.reason, language)
            : m.fittedAt
              ? t('atRisk.modelHint', {
                  clients: formatNumber(m.clients, language),
                  date: formatDate(m.fittedAt, language),
                })
              : undefined
        }
      >
        {m.bgnbd ? (
          <Text size="xs" c="dimmed" mt={4} data-testid="at-risk-params">
            {t('atRisk.params', {
              rate: formatNumber((m.bgnbd.r / m.bgnbd.alpha) * (365.25 / 12), language, 1),
              dropout: formatPercent(m.bgnbd.a / (m.bgnbd.a + m.bgnbd.b), language, 1),
            })}
          </Text>
        ) : null}
      </FigureCard>
    </SimpleGrid>
  );
}

/** The list; without a fitted model its forecast columns say nothing and give way to the period's margin. */
function AtRiskTable({
  items,
  withModel,
  sort,
  onSort,
  dimmed,
}: {
  items: AtRiskItemT[];
  withModel: boolean;
  sort: ListSort<SortKey>;
  onSort: (key: SortKey) => void;
  dimmed: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const location = useLocation();
  const enumLabel = useEnumLabel();
  const from = location.pathname + location.search;
  const th = (key: SortKey, numeric = true) => (
    <SortableTh
      column={key}
      label={t(`atRisk.columns.${key}`)}
      sort={sort}
      onSort={onSort}
      numeric={numeric}
      testId={`at-risk-sort-${key}`}
    />
  );
  return (
    <WideTable minWidth={withModel ? 1180 : 980} label={t('atRisk.title')}>
      <Table highlightOnHover verticalSpacing="xs" aria-label={t('atRisk.title')} data-testid="at-risk-table">
        <Table.Thead>
          <Table.Tr>
            {th('name', false)}
            <Table.Th>{t('atRisk.columns.reasons')}</Table.Th>
            <Table.Th>{t('atRisk.columns.owner')}</Table.Th>
            <Table.Th>{t('atRisk.columns.significance')}</Table.Th>
            {withModel ? (
              <>
                {th('expectedMarginLost')}
                {th('pAlive')}
                {th('expectedMargin12m')}
              </>
            ) : (
              <Table.Th ta="right">{t('atRisk.columns.margin')}</Table.Th>
            )}
            {th('daysSinceLast')}
            <Table.Th>{t('atRisk.columns.nextPurchaseOn')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody style={{ opacity: dimmed ? 0.6 : 1 }}>
          {items.map((c) => (
            <ClientRow
              key={c.clientId}
              clientId={c.clientId}
              name={c.name}
              from={from}
              testId={`at-risk-row-${c.clientId}`}
            >
              <Table.Td>
                <Group gap={4}>
                  {c.reasons.map((r) => (
                    <Badge
                      key={r}
                      size="sm"
                      variant="light"
                      color={r === 'alive-doubtful' ? 'orange' : 'red'}
                      tt="none"
                    >
                      {t(`atRisk.reasons.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td className={tableClasses.nowrap}>{c.ownerName ?? NO_VALUE}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  {c.abcProfit === 'A' ? (
                    <Badge size="sm" variant="light" color="indigo" title={t('atRisk.classA')}>
                      A
                    </Badge>
                  ) : null}
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {c.significance ? enumLabel('significance', c.significance) : c.abcProfit === 'A' ? '' : NO_VALUE}
                  </Text>
                </Group>
              </Table.Td>
              {withModel ? (
                <>
                  <Table.Td ta="right" className={tableClasses.nowrap}>
                    {formatMoney(c.expectedMarginLost, language)}
                  </Table.Td>
                  <Table.Td ta="right">{formatChance(c.pAlive, language, t)}</Table.Td>
                  <Table.Td ta="right" className={tableClasses.nowrap}>
                    {formatMoney(c.expectedMargin12m, language)}
                  </Table.Td>
                </>
              ) : (
                <Table.Td ta="right" className={tableClasses.nowrap}>
                  {c.margin === null ? t('figures.noCostData') : formatMoney(c.margin, language)}
                </Table.Td>
              )}
              <Table.Td ta="right" className={tableClasses.nowrap}>
                <Text size="sm" c={c.overdue ? 'red.7' : undefined} fw={c.overdue ? 600 : undefined}>
                  {c.usualGapDays === null
                    ? formatNumber(c.daysSinceLast, language, 0)
                    : t('atRisk.rhythmCell', {
                        since: formatNumber(c.daysSinceLast, language, 0),
                        gap: formatNumber(c.usualGapDays, language),
                      })}
                </Text>
              </Table.Td>
              <Table.Td className={tableClasses.nowrap}>{formatDate(c.nextPurchaseOn, language)}</Table.Td>
            </ClientRow>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
