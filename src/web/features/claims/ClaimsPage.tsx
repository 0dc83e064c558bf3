/**
 * Claims and wishes across the company (/claims): what is open and overdue now, how fast claims are
 * closed, which categories hurt most, received against closed by month, and every claim with filters
 * (kept in the address, so a link opens the same view), each opening with its workflow.
 */
import {
  Anchor,
  Button,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { withFilterChanges } from '../../lib/address.js';
import { Link, useSearchParams } from 'react-router';
import { Notifications } from '../../components/Notifications.js';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { canWrite, isEnumValue } from '../../lib/enums.js';
import { formatDate, formatMonthShort, formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel, useEnumOptions } from '../../lib/labels.js';
import { useUsers } from '../../lib/users.js';
import { BarChart } from '../../components/charts.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { FigureCard } from '../../components/FigureCard.js';
import { Section } from '../../components/Section.js';
import { useMe } from '../../lib/session.js';
import { useClaims, useClaimSummary, type ClaimFilters, type ClaimSummaryT, type ClaimT } from './api.js';
import { ClaimDrawer } from './ClaimDrawer.js';
import { useDays } from './ClaimParts.js';
import { isIsoDate } from '../../lib/dates.js';
import { ClaimTable } from './ClaimTable.js';
import { DateField } from '../../components/DateField.js';
import { niceScale } from '../../lib/chartScale.js';
import { WideTable } from '../../components/WideTable.js';

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 350;
const ID = /^[1-9]\d{0,15}$/;

/** The list's filters read from the address; values the API would refuse are left out. */
function filtersFrom(params: URLSearchParams): ClaimFilters {
  const statuses = (params.get('status') ?? '').split(',').filter((s) => isEnumValue('claimStatus', s));
  const type = params.get('type');
  const category = params.get('category');
  const responsible = params.get('responsibleUserId') ?? '';
  const q = (params.get('q') ?? '').trim();
  const page = Number(params.get('page') ?? '1');
  return {
    ...(statuses.length ? { status: [...new Set(statuses)].join(',') } : {}),
    ...(isEnumValue('claimType', type) ? { type } : {}),
    ...(isEnumValue('claimCategory', category) ? { category } : {}),
    ...(ID.test(responsible) ? { responsibleUserId: Number(responsible) } : {}),
    ...(params.get('overdue') === 'true' ? { overdue: true } : {}),
    ...(q && q.length <= 200 ? { q } : {}),
    ...(Number.isInteger(page) && page > 1 && page <= 100000 ? { page } : {}),
  };
}

export default function ClaimsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const me = useMe();
  const writable = canWrite(me.data?.role);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const summary = useClaimSummary({ ...(isIsoDate(from) ? { from } : {}), ...(isIsoDate(to) ? { to } : {}) });
  const [openId, setOpenId] = useState<number | null>(null);

  /** Sets (or, with null/empty, removes) address parameters; a filter change goes back to page 1. */
  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => withFilterChanges(prev, changes), { replace: true });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <div>
          <Title order={1}>{t('claims.title')}</Title>
          <Text c="dimmed" size="sm" maw={760}>
            {t('claims.pageDescription')}
          </Text>
        </div>
        <Group gap="xs" align="flex-start" aria-label={t('claims.summary.period')} role="group">
          <DateField
            size="xs"
            w={130}
            label={t('claims.summary.from')}
            value={from || summary.data?.from || ''}
            onChange={(value) => update({ from: value })}
            data-testid="claims-period-from"
          />
          <DateField
            size="xs"
            w={130}
            label={t('claims.summary.to')}
            value={to || summary.data?.to || ''}
            onChange={(value) => update({ to: value })}
            data-testid="claims-period-to"
          />
        </Group>
      </Group>

      {summary.isPending ? (
        <PageLoader />
      ) : summary.isError ? (
        <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <SummaryView
          summary={summary.data}
          onOverdue={() => update({ overdue: 'true', status: null })}
          onOpen={setOpenId}
        />
      )}

      <ClaimList params={params} update={update} onOpen={setOpenId} />

      <ClaimDrawer claimId={openId} onClose={() => setOpenId(null)} writable={writable} showClient />
      <Notifications />
    </Stack>
  );
}

function SummaryView({
  summary: s,
  onOverdue,
  onOpen,
}: {
  summary: ClaimSummaryT;
  onOverdue: () => void;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const days = useDays();
  const categories = s.topCategories.map((c) => ({
    category: label('claimCategory', c.category),
    count: c.count,
    share: c.share,
    open: c.open,
    days: c.averageDaysToResolve,
  }));
  // Whole, round counts on the axis (0/10/20/30/40, not 0/9/18/27/36).
  const countScale = niceScale(0, Math.max(1, ...categories.map((c) => c.count)), 5, [1, 2, 5], 1);
  const months = s.months.map((m) => ({
    month: formatMonthShort(m.month, language),
    received: m.received,
    resolved: m.resolved,
  }));
  return (
    <Stack gap="md" data-testid="claims-summary">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 4 }} spacing="md">
        <FigureCard
          testId="claims-open"
          label={t('claims.summary.open')}
          value={formatNumber(s.openNow, language)}
          hint={t('claims.summary.openHint')}
        />
        <FigureCard
          testId="claims-overdue"
          label={t('claims.summary.overdue')}
          value={formatNumber(s.overdue.count, language)}
          tone={s.overdue.count > 0 ? 'bad' : undefined}
          hint={t('claims.summary.overdueHint')}
        >
          {s.overdue.count > 0 ? (
            <Anchor component="button" type="button" size="xs" onClick={onOverdue} data-testid="claims-overdue-show">
              {t('claims.summary.showOverdue')}
            </Anchor>
          ) : null}
        </FigureCard>
        <FigureCard
          testId="claims-avg"
          label={t('claims.summary.avgDays')}
          value={days(s.averageDaysToResolve)}
          hint={
            s.closed
              ? t('claims.summary.avgDaysHint', {
                  median: days(s.medianDaysToResolve),
                  closed: s.closed,
                  received: s.received,
                })
              : t('claims.summary.noneClosed')
          }
        />
        <FigureCard
          testId="claims-received"
          label={t('claims.summary.received')}
          value={formatNumber(s.received, language)}
          hint={t('claims.summary.receivedHint', {
            claim: s.byType.claim ?? 0,
            wish: s.byType.wish ?? 0,
            suggestion: s.byType.suggestion ?? 0,
          })}
        />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Section
          title={t('claims.summary.topCategories')}
          description={t('claims.summary.topCategoriesDescription')}
          testId="claims-categories"
        >
          {categories.length === 0 ? (
            <EmptyBlock title={t('claims.summary.noData')} />
          ) : (
            <Stack gap="sm">
              <BarChart
                h={Math.max(160, categories.length * 40)}
                data={categories}
                dataKey="category"
                orientation="vertical"
                series={[{ name: 'count', label: t('claims.summary.count'), color: 'orange.6' }]}
                valueFormatter={(v) => formatNumber(v, language)}
                xAxisProps={{ domain: countScale.domain, ticks: countScale.ticks, allowDecimals: false }}
                yAxisProps={{ width: 130 }}
                gridAxis="x"
                aria-label={t('claims.summary.topCategories')}
              />
              <WideTable minWidth={420} label={t('claims.summary.topCategories')}>
                <Table verticalSpacing={4} fz="sm" data-testid="claims-categories-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('claims.fields.category')}</Table.Th>
                      <Table.Th ta="right">{t('claims.summary.count')}</Table.Th>
                      <Table.Th ta="right">{t('claims.summary.share')}</Table.Th>
                      <Table.Th ta="right">{t('claims.summary.openColumn')}</Table.Th>
                      <Table.Th ta="right">{t('claims.summary.avgColumn')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {categories.map((c) => (
                      <Table.Tr key={c.category}>
                        <Table.Td>{c.category}</Table.Td>
                        <Table.Td ta="right">{formatNumber(c.count, language)}</Table.Td>
                        <Table.Td ta="right">{formatPercent(c.share, language, 1)}</Table.Td>
                        <Table.Td ta="right">{formatNumber(c.open, language)}</Table.Td>
                        <Table.Td ta="right">{days(c.days, 1)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            </Stack>
          )}
        </Section>
        <Section
          title={t('claims.summary.months')}
          description={t('claims.summary.monthsDescription')}
          testId="claims-months"
        >
          {s.received === 0 && s.months.every((m) => m.resolved === 0) ? (
            <EmptyBlock title={t('claims.summary.noData')} />
          ) : (
            <BarChart
              h={280}
              data={months}
              dataKey="month"
              series={[
                { name: 'received', label: t('claims.summary.monthsReceived'), color: 'orange.6' },
                { name: 'resolved', label: t('claims.summary.monthsResolved'), color: 'teal.6' },
              ]}
              withLegend
              legendProps={{ verticalAlign: 'top', height: 36 }}
              valueFormatter={(v) => formatNumber(v, language)}
              yAxisProps={{ width: 40, allowDecimals: false }}
              xAxisProps={{ interval: 'preserveStartEnd', minTickGap: 8 }}
              aria-label={t('claims.summary.months')}
            />
          )}
        </Section>
      </SimpleGrid>

      {s.overdue.oldest.length > 0 ? (
        <Section title={t('claims.summary.oldestOverdue')} testId="claims-oldest-overdue">
          <Stack gap={4}>
            {s.overdue.oldest.map((c) => (
              <Group key={c.id} gap="sm" wrap="nowrap" justify="space-between">
                <Anchor component="button" type="button" size="sm" onClick={() => onOpen(c.id)} ta="left">
                  {c.subject}
                </Anchor>
                <Group gap="sm" wrap="nowrap">
                  <Anchor component={Link} to={`/clients/${c.clientId}?tab=claims`} size="sm" c="dimmed">
                    {c.clientName}
                  </Anchor>
                  <Text size="sm" c="red.7" style={{ whiteSpace: 'nowrap' }}>
                    {t('claims.overdueSince', { date: formatDate(c.dueOn, language) })}
                  </Text>
                </Group>
              </Group>
            ))}
          </Stack>
        </Section>
      ) : null}
    </Stack>
  );
}

function ClaimList({
  params,
  update,
  onOpen,
}: {
  params: URLSearchParams;
  update: (changes: Record<string, string | null>) => void;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const statusOptions = useEnumOptions('claimStatus');
  const typeOptions = useEnumOptions('claimType');
  const categoryOptions = useEnumOptions('claimCategory');
  const users = useUsers();
  const filters = filtersFrom(params);
  const query: ClaimFilters = { ...filters, pageSize: PAGE_SIZE, sort: '-receivedOn' };
  const claims = useClaims(query);

  // The search box types freely; the address (and the request) follow after a pause.
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search, SEARCH_DEBOUNCE_MS);
  const q = params.get('q') ?? '';
  useEffect(() => {
    if (debounced.trim() !== q.trim()) update({ q: debounced.trim() || null });
    // Only a settled change of the search box writes the address (q is read, not watched).
  }, [debounced]);

  const anyFilter = Object.keys(filters).some((k) => k !== 'page');
  const clientLink = (c: ClaimT) => (
    <Anchor
      component={Link}
      to={`/clients/${c.clientId}?tab=claims`}
      state={{ from: '/claims' }}
      size="sm"
      data-testid="claim-client"
    >
      {c.clientName}
    </Anchor>
  );

  return (
    <Section
      title={t('claims.list.title')}
      description={
        claims.data ? t('claims.list.total', { value: formatNumber(claims.data.total, language) }) : undefined
      }
      actions={
        <ExportButtons path="/claims" query={{ ...filters, sort: '-receivedOn' }} testIdPrefix="claims-export" />
      }
      testId="claims-list"
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            type="search"
            label={t('claims.filters.search')}
            placeholder={t('claims.filters.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            w={220}
            data-testid="claims-filter-q"
          />
          <MultiSelect
            label={t('claims.filters.status')}
            placeholder={filters.status ? undefined : t('claims.filters.any')}
            data={statusOptions}
            value={filters.status ? filters.status.split(',') : []}
            onChange={(v) => update({ status: v.join(',') || null })}
            clearable
            w={260}
            comboboxProps={{ withinPortal: true }}
            data-testid="claims-filter-status"
          />
          <Select
            label={t('claims.filters.type')}
            placeholder={t('claims.filters.any')}
            data={typeOptions}
            value={filters.type ?? null}
            onChange={(v) => update({ type: v })}
            clearable
            w={170}
            comboboxProps={{ withinPortal: true }}
            data-testid="claims-filter-type"
          />
          <Select
            label={t('claims.filters.category')}
            placeholder={t('claims.filters.any')}
            data={categoryOptions}
            value={filters.category ?? null}
            onChange={(v) => update({ category: v })}
            clearable
            w={190}
            comboboxProps={{ withinPortal: true }}
            data-testid="claims-filter-category"
          />
          <Select
            label={t('claims.filters.responsible')}
            placeholder={t('claims.filters.any')}
            data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
            value={filters.responsibleUserId ? String(filters.responsibleUserId) : null}
            onChange={(v) => update({ responsibleUserId: v })}
            clearable
            searchable
            w={220}
            comboboxProps={{ withinPortal: true }}
            data-testid="claims-filter-responsible"
          />
          <Switch
            label={t('claims.filters.overdueOnly')}
            checked={filters.overdue === true}
            onChange={(e) => update({ overdue: e.currentTarget.checked ? 'true' : null })}
            mb={8}
            data-testid="claims-filter-overdue"
          />
          {anyFilter ? (
            <Button
              variant="subtle"
              size="xs"
              mb={4}
              onClick={() => {
                setSearch('');
                update({ status: null, type: null, category: null, responsibleUserId: null, overdue: null, q: null });
              }}
            >
              {t('claims.filters.reset')}
            </Button>
          ) : null}
        </Group>
        <PagedTable
          query={claims}
          empty={<EmptyBlock title={anyFilter ? t('claims.emptyFiltered') : t('claims.emptyCompany')} />}
          pager={{
            pageSize: PAGE_SIZE,
            page: filters.page ?? 1,
            onChange: (p) => update({ page: p > 1 ? String(p) : null }),
          }}
        >
          {(data) => <ClaimTable items={data.items} onOpen={onOpen} withClient clientLink={clientLink} />}
        </PagedTable>
      </Stack>
    </Section>
  );
}
