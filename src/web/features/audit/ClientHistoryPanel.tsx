/**
 * The client card's History tab: who changed what and when, on the card and on the client's records
 * (contacts, legal entities, documents, payments, claims…), newest first, each change as
 * "field: before → after".
 */
import { Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useClientCard } from '../../lib/clientCard.js';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock } from '../../components/QueryStates.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { auditEntities } from '../../../core/audit/vocabulary.js';
import { useClientHistory, type AuditEntryT } from './api.js';
import { AuditChanges, AuditWhat, useAuditWords } from './describe.js';
import { WideTable } from '../../components/WideTable.js';

const PAGE_SIZE = 50;
/** What a client's history can hold: its own records, not the organisation's settings or users. */
const clientEntities = auditEntities.filter((e) => !['setting', 'user', 'api_token', 'import', 'product'].includes(e));

export default function ClientHistoryPanel({ clientId }: { clientId: number }) {
  // The card is open beside the panel: its contacts name the people the rows point at.
  const card = useClientCard(clientId);
  const contactNames = useMemo(
    () => new Map((card.data?.contacts ?? []).map((c) => [c.id, c.fullName])),
    [card.data?.contacts],
  );
  const words = useAuditWords(contactNames);
  const { tr, language } = words;
  const [page, setPage] = useState(1);
  const [entity, setEntity] = useState<AuditEntryT['entity'] | null>(null);
  const history = useClientHistory(clientId, { page, pageSize: PAGE_SIZE, ...(entity ? { entity } : {}) });

  return (
    <Paper withBorder radius="md" p="md" data-testid="client-history">
      <Group justify="space-between" align="flex-end" mb="sm" gap="sm" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            {tr('audit.history.title')}
          </Title>
          <Text size="sm" c="dimmed" mt={2}>
            {history.data
              ? tr(history.data.totalCapped ? 'audit.history.totalCapped' : 'audit.history.total', {
                  value: formatNumber(history.data.total, language),
                })
              : tr('audit.history.description')}
          </Text>
        </div>
        <Select
          label={tr('audit.history.filterLabel')}
          placeholder={tr('audit.history.all')}
          data={clientEntities.map((e) => ({ value: e, label: words.entity(e) }))}
          value={entity}
          onChange={(v) => {
            setEntity(v as AuditEntryT['entity'] | null);
            setPage(1);
          }}
          clearable
          w={240}
          comboboxProps={{ withinPortal: true }}
          data-testid="history-filter-entity"
        />
      </Group>
      <Stack gap="sm">
        <PagedTable
          query={history}
          empty={
            <EmptyBlock
              title={tr('audit.history.empty')}
              description={entity ? undefined : tr('audit.history.emptyHint')}
            />
          }
          pager={{ pageSize: PAGE_SIZE, page, onChange: setPage }}
        >
          {(data) => (
            <WideTable minWidth={640} label={tr('audit.history.title')}>
              <Table verticalSpacing="xs" striped highlightOnHover aria-label={tr('audit.history.title')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={150}>{tr('audit.table.when')}</Table.Th>
                    <Table.Th w={170}>{tr('audit.table.who')}</Table.Th>
                    <Table.Th w={220}>{tr('audit.table.what')}</Table.Th>
                    <Table.Th>{tr('audit.table.changes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((row) => (
                    <Table.Tr key={row.id} data-testid="history-row" data-entity={row.entity} data-action={row.action}>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm">{formatDateTime(row.at, language)}</Text>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <Text size="sm">{words.who(row)}</Text>
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <AuditWhat row={row} words={words} />
                      </Table.Td>
                      <Table.Td style={{ verticalAlign: 'top' }}>
                        <AuditChanges row={row} words={words} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          )}
        </PagedTable>
      </Stack>
    </Paper>
  );
}
