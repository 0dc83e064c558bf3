/**
 * The organisation's audit log (the owner's): every change of clients, contacts, documents, payments,
 * settings and users, filtered by record kind, action, user, client and period, with CSV/XLSX export.
 */
import { Alert, Anchor, Button, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { withFilterChanges } from '../../lib/address.js';
import { Link, useSearchParams } from 'react-router';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock, PageLoader } from '../../components/QueryStates.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { auditActions, auditEntities } from '../../../core/audit/vocabulary.js';
import { useUsers } from '../../lib/users.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { Section } from '../../components/Section.js';
import { useMe } from '../../lib/session.js';
import { useAuditLog, type AuditEntryT, type AuditFilters } from './api.js';
import { AuditChanges, AuditWhat, useAuditWords } from './describe.js';
import { DateField } from '../../components/DateField.js';
import { WideTable } from '../../components/WideTable.js';

const PAGE_SIZE = 50;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const positiveId = (v: string | null): number | undefined =>
  v && /^\d{1,15}$/.test(v) && Number(v) >= 1 ? Number(v) : undefined;

/** The filters as the address holds them; anything malformed is left out rather than sent. */
function filtersFrom(params: URLSearchParams): AuditFilters {
  const entity = params.get('entity');
  const action = params.get('action');
  const from = params.get('from');
  const to = params.get('to');
  return {
    ...((auditEntities as readonly string[]).includes(entity ?? '')
      ? { entity: entity as AuditFilters['entity'] }
      : {}),
    ...((auditActions as readonly string[]).includes(action ?? '') ? { action: action as AuditFilters['action'] } : {}),
    ...(positiveId(params.get('userId')) ? { userId: positiveId(params.get('userId')) } : {}),
    ...(positiveId(params.get('clientId')) ? { clientId: positiveId(params.get('clientId')) } : {}),
    ...(from && DATE.test(from) ? { from } : {}),
    ...(to && DATE.test(to) ? { to } : {}),
    ...(positiveId(params.get('page')) ? { page: positiveId(params.get('page')) } : {}),
  };
}

export default function AuditPage() {
  const words = useAuditWords();
  const { tr, language } = words;
  const me = useMe();
  const owner = me.data?.role === 'owner';
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const log = useAuditLog({ ...filters, pageSize: PAGE_SIZE }, { enabled: owner });
  const users = useUsers();
  const update = (changes: Record<string, string | null>) =>
    setParams((prev) => withFilterChanges(prev, changes), { replace: true });
  const { page: _page, ...exportFilters } = filters;
  const anyFilter = Object.keys(exportFilters).length > 0;

  if (me.isPending) return <PageLoader />;
  return (
    <Stack gap="md" data-testid="audit-page">
      <div>
        <Title order={1} size="h2">
          {tr('audit.page.title')}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {tr('audit.page.description')}
        </Text>
      </div>
      {!owner ? (
        <Alert color="orange" variant="light" role="alert">
          {tr('audit.page.forbidden')}
        </Alert>
      ) : (
        <Section
          title={tr('audit.table.changes')}
          description={
            log.data
              ? tr(log.data.totalCapped ? 'audit.history.totalCapped' : 'audit.history.total', {
                  value: formatNumber(log.data.total, language),
                })
              : undefined
          }
          actions={<ExportButtons path="/audit" query={exportFilters} testIdPrefix="audit-export" />}
          testId="audit-log"
        >
          <Stack gap="sm">
            <Group gap="sm" align="flex-end" wrap="wrap">
              <Select
                label={tr('audit.page.entity')}
                placeholder={tr('audit.page.any')}
                clearable
                w={220}
                comboboxProps={{ withinPortal: true }}
                data={auditEntities.map((e) => ({ value: e, label: words.entity(e) }))}
                value={filters.entity ?? null}
                onChange={(v) => update({ entity: v })}
                data-testid="audit-filter-entity"
              />
              <Select
                label={tr('audit.page.action')}
                placeholder={tr('audit.page.any')}
                clearable
                w={190}
                comboboxProps={{ withinPortal: true }}
                data={auditActions.map((a) => ({ value: a, label: words.action(a) }))}
                value={filters.action ?? null}
                onChange={(v) => update({ action: v })}
                data-testid="audit-filter-action"
              />
              <Select
                label={tr('audit.page.user')}
                placeholder={tr('audit.page.anyone')}
                clearable
                searchable
                w={220}
                comboboxProps={{ withinPortal: true }}
                data={(users.data ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
                value={filters.userId ? String(filters.userId) : null}
                onChange={(v) => update({ userId: v })}
                data-testid="audit-filter-user"
              />
              <NumberInput
                label={tr('audit.page.client')}
                w={140}
                min={1}
                allowDecimal={false}
                allowNegative={false}
                hideControls
                value={filters.clientId ?? ''}
                onChange={(v) => update({ clientId: typeof v === 'number' && v >= 1 ? String(v) : null })}
                data-testid="audit-filter-client"
              />
              <DateField
                w={170}
                clearable
                label={tr('audit.page.from')}
                value={filters.from ?? ''}
                max={filters.to ?? undefined}
                onChange={(value) => update({ from: value || null })}
                data-testid="audit-filter-from"
              />
              <DateField
                w={170}
                clearable
                label={tr('audit.page.to')}
                value={filters.to ?? ''}
                min={filters.from ?? undefined}
                onChange={(value) => update({ to: value || null })}
                data-testid="audit-filter-to"
              />
              {anyFilter ? (
                <Button
                  variant="subtle"
                  size="xs"
                  mb={4}
                  onClick={() => setParams(new URLSearchParams(), { replace: true })}
                >
                  {tr('audit.page.reset')}
                </Button>
              ) : null}
            </Group>
            <PagedTable
              query={log}
              empty={
                <EmptyBlock
                  title={tr('audit.page.empty')}
                  description={anyFilter ? tr('audit.page.emptyHint') : undefined}
                />
              }
              pager={{
                pageSize: PAGE_SIZE,
                page: filters.page ?? 1,
                onChange: (p) => update({ page: p > 1 ? String(p) : null }),
              }}
            >
              {(data) => <AuditTable items={data.items} words={words} />}
            </PagedTable>
          </Stack>
        </Section>
      )}
    </Stack>
  );
}

function AuditTable({ items, words }: { items: AuditEntryT[]; words: ReturnType<typeof useAuditWords> }) {
  const { tr, language } = words;
  return (
    <WideTable minWidth={800} label={tr('audit.table.caption')}>
      <Table verticalSpacing="xs" striped highlightOnHover aria-label={tr('audit.table.caption')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={150}>{tr('audit.table.when')}</Table.Th>
            <Table.Th w={170}>{tr('audit.table.who')}</Table.Th>
            <Table.Th w={240}>{tr('audit.table.what')}</Table.Th>
            <Table.Th>{tr('audit.table.changes')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((row) => (
            <Table.Tr key={row.id} data-testid="audit-row" data-entity={row.entity} data-action={row.action}>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm">{formatDateTime(row.at, language)}</Text>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <Text size="sm">{words.who(row)}</Text>
                {row.actorKind !== 'user' && row.userName ? (
                  <Text size="xs" c="dimmed">
                    {tr(`audit.actorKind.${row.actorKind}`)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <AuditWhat row={row} words={words} />
                {row.clientId && row.entity !== 'client' ? (
                  <Anchor
                    component={Link}
                    to={`/clients/${row.clientId}?tab=history`}
                    size="xs"
                    state={{ from: '/audit' }}
                  >
                    {row.clientName ?? `№ ${row.clientId}`}
                  </Anchor>
                ) : row.clientId ? (
                  <Anchor
                    component={Link}
                    to={`/clients/${row.clientId}?tab=history`}
                    size="xs"
                    state={{ from: '/audit' }}
                  >
                    {tr('audit.page.openClient')}
                  </Anchor>
                ) : null}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <AuditChanges row={row} words={words} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
