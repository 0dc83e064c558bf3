/** Claims as table rows, in the client's tab and on the company-wide page. */
import { Table, Text, UnstyledButton } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import type { ClaimT } from './api.js';
import { ClaimState, SeverityBadge } from './ClaimParts.js';
import classes from './claims.module.css';
import { WideTable } from '../../components/WideTable.js';

/** Claims as rows; the subject opens the claim. `withClient` adds the client column (company-wide list). */
export function ClaimTable({
  items,
  onOpen,
  withClient = false,
  clientLink,
}: {
  items: ClaimT[];
  onOpen: (id: number) => void;
  withClient?: boolean;
  clientLink?: (claim: ClaimT) => ReactNode;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  return (
    <WideTable minWidth={withClient ? 1000 : 820} label={t('claims.list.title')}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="claims-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('claims.fields.receivedOn')}</Table.Th>
            {withClient ? <Table.Th>{t('claims.fields.client')}</Table.Th> : null}
            <Table.Th>{t('claims.fields.subject')}</Table.Th>
            <Table.Th>{t('claims.fields.category')}</Table.Th>
            <Table.Th>{t('claims.fields.severity')}</Table.Th>
            <Table.Th>{t('claims.fields.status')}</Table.Th>
            <Table.Th>{t('claims.fields.dueOn')}</Table.Th>
            <Table.Th>{t('claims.fields.responsible')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Table.Tr key={c.id} data-testid="claim-row" data-claim-id={c.id}>
              <Table.Td className={classes.nowrap}>{formatDate(c.receivedOn, language)}</Table.Td>
              {withClient ? <Table.Td>{clientLink ? clientLink(c) : c.clientName}</Table.Td> : null}
              <Table.Td>
                <UnstyledButton onClick={() => onOpen(c.id)} className={classes.subject} data-testid="claim-open">
                  <Text size="sm" fw={500} component="span">
                    {c.subject}
                  </Text>
                </UnstyledButton>
                <Text size="xs" c="dimmed">
                  {label('claimType', c.type)}
                </Text>
              </Table.Td>
              <Table.Td>{label('claimCategory', c.category)}</Table.Td>
              <Table.Td>
                <SeverityBadge severity={c.severity} />
              </Table.Td>
              <Table.Td>
                <ClaimState claim={c} />
              </Table.Td>
              <Table.Td className={classes.nowrap}>{formatDate(c.dueOn, language)}</Table.Td>
              <Table.Td>{c.responsibleName ?? '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
