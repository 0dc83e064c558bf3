import { Anchor, Badge, Button, Group, Modal, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { Notifications } from '../../components/Notifications.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { ClientStatusBadge } from '../../components/StatusBadge.js';
import { isNotFound } from '../../lib/api.js';
import { canWrite } from '../../lib/enums.js';
import { useEnumLabel } from '../../lib/labels.js';
import { useMe } from '../../lib/session.js';
import { AddInteractionForm } from '../../features/clients/AddInteractionForm.js';
import {
  InteractionsSection,
  KnowledgeSection,
  LogisticsSection,
  OrdersSection,
  PaymentsSection,
  ProfileSection,
  PurchasesSection,
  TermsSection,
} from '../../features/clients/CardSections.js';
import { ContactsBlock } from '../../features/clients/ContactsBlock.js';
import { EditableBlock } from '../../features/clients/EditableBlock.js';
import type { Block } from '../../features/clients/EditClientForm.js';
import { LegalEntitiesSection } from '../../features/clients/LegalEntitiesSection.js';
import { useClientCard } from '../../lib/clientCard.js';
import { SharesBlock } from '../../features/access/SharesBlock.js';
import { PersonalDataButton } from '../../features/privacy/PersonalDataButton.js';

// The analytics panel draws charts: its own chunk, loaded when its tab is shown.
const ClientAnalyticsPanel = lazy(() => import('../../features/analytics/ClientAnalyticsPanel.js'));
const PowerStructurePanel = lazy(() => import('../../features/people/PowerStructurePanel.js'));
const ClientClaimsPanel = lazy(() => import('../../features/claims/ClientClaimsPanel.js'));
const ClientSurveysPanel = lazy(() => import('../../features/surveys/ClientSurveysPanel.js'));
const ClientLossControl = lazy(() => import('../../features/losses/ClientLossControl.js'));
const ClientHistoryPanel = lazy(() => import('../../features/audit/ClientHistoryPanel.js'));

const tabs = [
  'analytics',
  'profile',
  'legalEntities',
  'contacts',
  'people',
  'logistics',
  'knowledge',
  'purchases',
  'orders',
  'payments',
  'interactions',
  'claims',
  'surveys',
  'history',
] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: unknown): value is Tab => (tabs as readonly unknown[]).includes(value);
const DEFAULT_TAB: Tab = 'analytics';

function parseId(value: string | undefined): number | null {
  if (!value || !/^\d{1,15}$/.test(value)) return null;
  const id = Number(value);
  return id >= 1 && Number.isSafeInteger(id) ? id : null;
}

export default function ClientCardPage() {
  const { t } = useTranslation();
  const label = useEnumLabel();
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
  const meta = [
    c.industry,
    c.region,
    c.significance ? `${t('card.profile.significance')}: ${label('significance', c.significance)}` : null,
    data.ownerName ? `${t('card.profile.owner')}: ${data.ownerName}` : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const block = (key: Block, view: ReactNode) => (
    <EditableBlock
      block={key}
      card={data}
      writable={writable}
      editing={editing === key}
      onEdit={() => setEditing(key)}
      onDone={() => setEditing(null)}
    >
      {view}
    </EditableBlock>
  );

  return (
    <Stack gap="md">
      {back}
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="md">
          <Stack gap={6} miw={0} style={{ flex: '1 1 24rem' }}>
            <Group gap="sm" wrap="wrap" align="center">
              <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
                {c.name}
              </Title>
              <ClientStatusBadge status={c.status} size="lg" />
            </Group>
            {meta ? (
              <Text size="sm" c="dimmed">
                {meta}
              </Text>
            ) : null}
            <Group gap={6} aria-label={t('card.tags')} role="list">
              {c.tags.length ? (
                c.tags.map((tag) => (
                  <Badge key={tag} role="listitem" variant="default" tt="none">
                    {tag}
                  </Badge>
                ))
              ) : (
                <Text size="xs" c="dimmed" role="listitem">
                  {t('card.noTags')}
                </Text>
              )}
            </Group>
          </Stack>
          {writable ? (
            <Group gap="sm">
              <Button
                variant="default"
                onClick={() => {
                  setTab('profile');
                  setEditing('profile');
                }}
              >
                {t('editClient.open')}
              </Button>
              <Button onClick={() => setAdding(true)}>{t('addInteraction.open')}</Button>
            </Group>
          ) : null}
        </Group>
      </Paper>

      <Suspense fallback={null}>
        <ClientLossControl clientId={c.id} status={c.status} writable={writable} />
      </Suspense>

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List aria-label={t('card.tabsLabel')}>
          {tabs.map((key) => (
            <Tabs.Tab key={key} value={key} rightSection={count(data, key)} data-testid={`card-tab-${key}`}>
              {t(`card.tabs.${key}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="analytics" pt="md">
          <Suspense fallback={<PageLoader />}>
            <ClientAnalyticsPanel clientId={c.id} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="profile" pt="md">
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              {block('profile', <ProfileSection card={data} />)}
            </Paper>
            <SharesBlock clientId={c.id} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="legalEntities" pt="md">
          <Paper withBorder radius="md" p="md">
            <LegalEntitiesSection card={data} writable={writable} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="contacts" pt="md">
          <Paper withBorder radius="md" p="md">
            <ContactsBlock
              card={data}
              writable={writable}
              contactActions={(contact) => (
                <PersonalDataButton clientId={c.id} clientOwnerId={c.ownerUserId} contact={contact} />
              )}
            />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="people" pt="md">
          <Suspense fallback={<PageLoader />}>
            <PowerStructurePanel clientId={c.id} writable={writable} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="logistics" pt="md">
          <Paper withBorder radius="md" p="md">
            {block('logistics', <LogisticsSection card={data} />)}
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="knowledge" pt="md">
          <Paper withBorder radius="md" p="md">
            {block('knowledge', <KnowledgeSection card={data} />)}
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="purchases" pt="md">
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <PurchasesSection card={data} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              {block('terms', <TermsSection card={data} />)}
            </Paper>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="orders" pt="md">
          <Paper withBorder radius="md" p="md">
            <OrdersSection card={data} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="payments" pt="md">
          <Paper withBorder radius="md" p="md">
            <PaymentsSection card={data} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="interactions" pt="md">
          <Paper withBorder radius="md" p="md">
            <InteractionsSection card={data} />
          </Paper>
        </Tabs.Panel>
        <Tabs.Panel value="claims" pt="md">
          <Suspense fallback={<PageLoader />}>
            <ClientClaimsPanel clientId={c.id} writable={writable} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="surveys" pt="md">
          <Suspense fallback={<PageLoader />}>
            <ClientSurveysPanel clientId={c.id} writable={writable} />
          </Suspense>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <Suspense fallback={<PageLoader />}>
            <ClientHistoryPanel clientId={c.id} />
          </Suspense>
        </Tabs.Panel>
      </Tabs>

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

function count(card: { legalEntities: unknown[]; contacts: unknown[] }, tab: Tab) {
  const n = tab === 'legalEntities' ? card.legalEntities.length : tab === 'contacts' ? card.contacts.length : null;
  return n ? (
    <Badge size="xs" variant="light" circle>
      {n}
    </Badge>
  ) : null;
}
