/**
 * Clients that share a company's requisites (ИНН, and КПП where both have one): imports tell clients
 * by them, so such clients split one company's documents. Listed among the clients the user sees,
 * each opening its card, so the user can decide which card to keep.
 */
import { Anchor, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock } from '../../components/QueryStates.js';
import { formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useDuplicateRequisites } from './queries.js';
import { WideTable } from '../../components/WideTable.js';

const PAGE_SIZE = 25;

export default function DuplicateRequisitesPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('page'));
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 100000 ? asked : 1;
  const groups = useDuplicateRequisites(page, PAGE_SIZE);
  const title = t('duplicates.title');

  return (
    <Stack gap="md" data-testid="duplicates-page">
      <div>
        <Title order={1} size="h2">
          {title}
        </Title>
        <Text c="dimmed" size="sm" mt={4} maw={820}>
          {t('duplicates.description')}
        </Text>
      </div>
      <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
        {groups.data && groups.data.total > 0 ? (
          <Text size="sm" mb="sm" data-testid="duplicates-total">
            {t('duplicates.total', { value: formatNumber(groups.data.total, language) })}
          </Text>
        ) : null}
        <PagedTable
          query={groups}
          empty={<EmptyBlock title={t('duplicates.empty')} description={t('duplicates.emptyDescription')} />}
          pager={{
            pageSize: PAGE_SIZE,
            page,
            onChange: (p) => setParams(p > 1 ? { page: String(p) } : {}, { replace: true }),
            mt: 'sm',
          }}
        >
          {(data) => (
            <WideTable minWidth={640} label={title}>
              <Table verticalSpacing="xs" aria-label={title} data-testid="duplicates-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('duplicates.inn')}</Table.Th>
                    <Table.Th>{t('duplicates.kpp')}</Table.Th>
                    <Table.Th>{t('duplicates.clients')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((g) => (
                    <Table.Tr key={`${g.inn}/${g.kpp ?? ''}`} data-testid={`duplicates-${g.inn}-${g.kpp ?? ''}`}>
                      <Table.Td style={{ verticalAlign: 'top', fontVariantNumeric: 'tabular-nums' }}>{g.inn}</Table.Td>
                      <Table.Td style={{ verticalAlign: 'top', fontVariantNumeric: 'tabular-nums' }}>
                        {g.kpp ?? '—'}
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          {g.clients.map((c) => (
                            <div key={c.id}>
                              <Anchor component={Link} to={`/clients/${c.id}?tab=legalEntities`} fw={600}>
                                {c.name}
                              </Anchor>
                              <Text size="xs" c="dimmed">
                                {c.legalName}
                                {` · ${t('duplicates.kpp')} ${c.kpp ?? t('duplicates.noKpp')}`}
                                {` · ${c.ownerName ?? t('duplicates.noOwner')}`}
                              </Text>
                            </div>
                          ))}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </WideTable>
          )}
        </PagedTable>
      </Paper>
    </Stack>
  );
}
