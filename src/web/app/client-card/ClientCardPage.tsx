/**
 * The client card: the client's heading, the loss control, and the tabs (CardTabs) that put the card's
 * sections and the other features' panels side by side. The tab is in the address (?tab=…).
 */
import { Anchor, Modal, Stack } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Notifications } from '../../components/Notifications.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { AddInteractionForm } from '../../features/clients/AddInteractionForm.js';
import type { Block } from '../../features/clients/EditClientForm.js';
import { isNotFound } from '../../lib/api.js';
import { useClientCard } from '../../lib/clientCard.js';
import { canWrite } from '../../lib/enums.js';
import { useMe } from '../../lib/session.js';
import { CardHeader } from './CardHeader.js';
import { CardTabs, DEFAULT_TAB, isTab, type Tab } from './CardTabs.js';

const ClientLossControl = lazy(() => import('../../features/losses/ClientLossControl.js'));

function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && Number.isSafeInteger(id) ? id : null;
}

export default function ClientCardPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = parseId(params.id);
  const location = useLocation();
  const [search, setSearch] = useSearchParams();
  const tabParam = search.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : DEFAULT_TAB;
  const me = useMe();
  const card = useClientCard(id);
  const [adding, setAdding] = useState(false);
  // The block being edited in place (one at a time; switching tabs leaves it).
  const [editing, setEditing] = useState<Block | null>(null);

  // Back to where we came from: the list as it was left ("?…" is the list's search), or another page.
  const from = (location.state as { from?: unknown } | null)?.from;
  const backTo =
    typeof from === 'string' && from.startsWith('?')
      ? `/clients${from}`
      : typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')
        ? from
        : '/clients';
  const back = (
    <Anchor component={Link} to={backTo} size="sm">
      ← {backTo.startsWith('/clients') ? t('card.back') : t('card.backTo')}
    </Anchor>
  );

  const setTab = (value: string | null) => {
    if (!isTab(value)) return;
    setEditing(null);
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === DEFAULT_TAB) next.delete('tab');
        else next.set('tab', value);
        return next;
      },
      { replace: true, state: location.state },
    );
  };

  if (id === null || (card.isError && isNotFound(card.error))) {
    return (
      <Stack gap="md">
        {back}
        <EmptyBlock title={t('card.notFoundTitle')} description={t('card.notFoundDescription')} />
      </Stack>
    );
  }
  if (card.isPending) return <PageLoader />;
  if (card.isError) {
    return (
      <Stack gap="md">
        {back}
        <ErrorAlert error={card.error} onRetry={() => void card.refetch()} />
      </Stack>
    );
  }

  const data = card.data;
  const c = data.client;
  const writable = canWrite(me.data?.role);

  return (
    <Stack gap="md">
      {back}
      <CardHeader
        card={data}
        writable={writable}
        onEdit={() => {
          setTab('profile');
          setEditing('profile');
        }}
        onAddInteraction={() => setAdding(true)}
      />

      <Suspense fallback={null}>
        <ClientLossControl clientId={c.id} status={c.status} writable={writable} />
      </Suspense>

      <CardTabs card={data} tab={tab} onTab={setTab} writable={writable} editing={editing} onEditing={setEditing} />

      <Modal
        opened={adding}
        onClose={() => setAdding(false)}
        title={t('addInteraction.title')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <AddInteractionForm
          clientId={c.id}
          contacts={data.contacts}
          onCancel={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            setTab('interactions');
          }}
        />
      </Modal>
      <Notifications />
    </Stack>
  );
}
