/**
 * The client card's tab of claims and wishes (docs/domain.md §9: "keep a card of claims and wishes for every
 * client"): how the client fares (open, overdue, time to resolve), its claims with their status, and
 * the form to record a new one; a claim opens with its workflow and history.
 */
import { Button, Group, Modal, Paper, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PagedTable } from '../../components/PagedTable.js';
import { EmptyBlock, PageLoader } from '../../components/QueryStates.js';
import { formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useClientCard } from '../../lib/clientCard.js';
import { ClaimForm } from './ClaimForm.js';
import { useClaims, useClaimSummary } from './api.js';
import { ClaimDrawer } from './ClaimDrawer.js';
import { useDays } from './ClaimParts.js';
import { ClaimTable } from './ClaimTable.js';

const PAGE_SIZE = 200;

export default function ClientClaimsPanel({ clientId, writable }: { clientId: number; writable: boolean }) {
  const { t } = useTranslation();
  const card = useClientCard(clientId);
  const [show, setShow] = useState<'all' | 'open'>('all');
  const claims = useClaims({
    clientId,
    pageSize: PAGE_SIZE,
    sort: '-receivedOn',
    ...(show === 'open' ? { status: 'new,in_progress' } : {}),
  });
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);

  return (
    <Stack gap="md" data-testid="client-claims">
      <ClientClaimFigures clientId={clientId} />
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="center" mb="sm" gap="sm" wrap="wrap">
          <Title order={2} size="h4">
            {t('claims.title')}
          </Title>
          <Group gap="sm">
            <SegmentedControl
              size="xs"
              value={show}
              onChange={(v) => setShow(v === 'open' ? 'open' : 'all')}
              data={[
                { value: 'all', label: t('claims.showAll') },
                { value: 'open', label: t('claims.showOpen') },
              ]}
              aria-label={t('claims.showLabel')}
            />
            {writable ? (
              <Button onClick={() => setAdding(true)} data-testid="claims-add">
                {t('claims.add')}
              </Button>
            ) : null}
          </Group>
        </Group>
        <PagedTable
          query={claims}
          loaderHeight={120}
          empty={
            <EmptyBlock
              title={show === 'open' ? t('claims.emptyOpen') : t('claims.empty')}
              description={show === 'open' ? undefined : t('claims.emptyHint')}
            />
          }
        >
          {(data) => <ClaimTable items={data.items} onOpen={setOpenId} />}
        </PagedTable>
        {claims.data && claims.data.total > claims.data.items.length ? (
          <Text size="xs" c="dimmed" mt="xs">
            {t('claims.moreOnPage', { shown: claims.data.items.length, total: claims.data.total })}
          </Text>
        ) : null}
      </Paper>

      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('claims.addTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {card.data ? (
          <ClaimForm
            clientId={clientId}
            ownerUserId={card.data.client.ownerUserId ?? null}
            contacts={card.data.contacts}
            orders={card.data.recentOrders}
            onCancel={() => setAdding(false)}
            onDone={(claim) => {
              setAdding(false);
              setOpenId(claim.id);
            }}
          />
        ) : (
          <PageLoader minHeight={120} />
        )}
      </Modal>
      <ClaimDrawer claimId={openId} onClose={() => setOpenId(null)} writable={writable} />
    </Stack>
  );
}

/** The client's open and overdue claims now, and how fast its claims were closed over the last 12 months. */
function ClientClaimFigures({ clientId }: { clientId: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const days = useDays();
  const summary = useClaimSummary({ clientId });
  if (!summary.data) return null;
  const s = summary.data;
  const figure = (key: string, labelText: string, value: string, hint?: string, bad = false) => (
    <Paper withBorder radius="md" p="sm" data-testid={`client-claims-${key}`}>
      <Text size="xs" c="dimmed" fw={500}>
        {labelText}
      </Text>
      <Text fw={700} fz={22} c={bad ? 'red.7' : undefined} data-testid={`client-claims-${key}-value`}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
      {figure('open', t('claims.summary.open'), formatNumber(s.openNow, language))}
      {figure(
        'overdue',
        t('claims.summary.overdue'),
        formatNumber(s.overdue.count, language),
        undefined,
        s.overdue.count > 0,
      )}
      {figure(
        'avg',
        t('claims.summary.avgDaysYear'),
        days(s.averageDaysToResolve),
        s.closed
          ? t('claims.summary.closedOf', { closed: s.closed, received: s.received })
          : t('claims.summary.noneClosed'),
      )}
    </SimpleGrid>
  );
}
