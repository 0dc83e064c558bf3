/**
 * The client card's tabs: the card's own sections (features/clients) beside the panels of the other
 * features (analytics, people, claims, surveys, history, access, privacy), each panel its own chunk.
 */
import type { ClientCardT } from '../../../contract/card.js';
import { Badge, Paper, Stack, Tabs } from '@mantine/core';
import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '../../components/QueryStates.js';
import { SharesBlock } from '../../features/access/SharesBlock.js';
import {
  InteractionsSection,
  KnowledgeSection,
  LogisticsSection,
  ProfileSection,
  PurchasesSection,
  TermsSection,
} from '../../features/clients/CardSections.js';
import { OrdersSection, PaymentsSection } from '../../features/clients/ClientDocuments.js';
import { ContactsBlock } from '../../features/clients/ContactsBlock.js';
import { EditableBlock } from '../../features/clients/EditableBlock.js';
import type { Block } from '../../features/clients/EditClientForm.js';
import { LegalEntitiesSection } from '../../features/clients/LegalEntitiesSection.js';
import { PersonalDataButton } from '../../features/privacy/PersonalDataButton.js';
import { ScrollingTabsList } from '../../components/ScrollingTabsList.js';

// The analytics panel draws charts: its own chunk, loaded when its tab is shown.
const ClientAnalyticsPanel = lazy(() => import('../../features/analytics/ClientAnalyticsPanel.js'));
const PowerStructurePanel = lazy(() => import('../../features/people/PowerStructurePanel.js'));
const ClientClaimsPanel = lazy(() => import('../../features/claims/ClientClaimsPanel.js'));
const ClientSurveysPanel = lazy(() => import('../../features/surveys/ClientSurveysPanel.js'));
const ClientHistoryPanel = lazy(() => import('../../features/audit/ClientHistoryPanel.js'));

export const tabs = [
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
export type Tab = (typeof tabs)[number];
export const isTab = (value: unknown): value is Tab => (tabs as readonly unknown[]).includes(value);
export const DEFAULT_TAB: Tab = 'analytics';

export function CardTabs({
  card,
  tab,
  onTab,
  writable,
  editing,
  onEditing,
}: {
  card: ClientCardT;
  tab: Tab;
  onTab: (value: string | null) => void;
  writable: boolean;
  /** The block being edited in place (one at a time). */
  editing: Block | null;
  onEditing: (block: Block | null) => void;
}) {
  const { t } = useTranslation();
  const c = card.client;
  const block = (key: Block, view: ReactNode) => (
    <EditableBlock
      block={key}
      card={card}
      writable={writable}
      editing={editing === key}
      onEdit={() => onEditing(key)}
      onDone={() => onEditing(null)}
    >
      {view}
    </EditableBlock>
  );
  const lazyPanel = (panel: ReactNode) => <Suspense fallback={<PageLoader />}>{panel}</Suspense>;
  const boxed = (content: ReactNode) => (
    <Paper withBorder radius="md" p="md">
      {content}
    </Paper>
  );

  return (
    <Tabs value={tab} onChange={onTab} keepMounted={false}>
      <ScrollingTabsList aria-label={t('card.tabsLabel')}>
        {tabs.map((key) => (
          <Tabs.Tab key={key} value={key} rightSection={count(card, key)} data-testid={`card-tab-${key}`}>
            {t(`card.tabs.${key}`)}
          </Tabs.Tab>
        ))}
      </ScrollingTabsList>
      <Tabs.Panel value="analytics" pt="md">
        {lazyPanel(<ClientAnalyticsPanel clientId={c.id} />)}
      </Tabs.Panel>
      <Tabs.Panel value="profile" pt="md">
        <Stack gap="md">
          {boxed(block('profile', <ProfileSection card={card} />))}
          <SharesBlock clientId={c.id} />
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="legalEntities" pt="md">
        {boxed(<LegalEntitiesSection card={card} writable={writable} />)}
      </Tabs.Panel>
      <Tabs.Panel value="contacts" pt="md">
        {boxed(
          <ContactsBlock
            card={card}
            writable={writable}
            contactActions={(contact) => (
              <PersonalDataButton clientId={c.id} clientOwnerId={c.ownerUserId} contact={contact} />
            )}
          />,
        )}
      </Tabs.Panel>
      <Tabs.Panel value="people" pt="md">
        {lazyPanel(<PowerStructurePanel clientId={c.id} writable={writable} />)}
      </Tabs.Panel>
      <Tabs.Panel value="logistics" pt="md">
        {boxed(block('logistics', <LogisticsSection card={card} />))}
      </Tabs.Panel>
      <Tabs.Panel value="knowledge" pt="md">
        {boxed(block('knowledge', <KnowledgeSection card={card} />))}
      </Tabs.Panel>
      <Tabs.Panel value="purchases" pt="md">
        <Stack gap="md">
          {boxed(<PurchasesSection card={card} />)}
          {boxed(block('terms', <TermsSection card={card} />))}
        </Stack>
      </Tabs.Panel>
      <Tabs.Panel value="orders" pt="md">
        {boxed(<OrdersSection card={card} />)}
      </Tabs.Panel>
      <Tabs.Panel value="payments" pt="md">
        {boxed(<PaymentsSection card={card} />)}
      </Tabs.Panel>
      <Tabs.Panel value="interactions" pt="md">
        {boxed(<InteractionsSection card={card} />)}
      </Tabs.Panel>
      <Tabs.Panel value="claims" pt="md">
        {lazyPanel(<ClientClaimsPanel clientId={c.id} writable={writable} />)}
      </Tabs.Panel>
      <Tabs.Panel value="surveys" pt="md">
        {lazyPanel(<ClientSurveysPanel clientId={c.id} writable={writable} />)}
      </Tabs.Panel>
      <Tabs.Panel value="history" pt="md">
        {lazyPanel(<ClientHistoryPanel clientId={c.id} />)}
      </Tabs.Panel>
    </Tabs>
  );
}

/** The number of legal entities and contacts beside their tabs. */
function count(card: { legalEntities: unknown[]; contacts: unknown[] }, tab: Tab) {
  const n = tab === 'legalEntities' ? card.legalEntities.length : tab === 'contacts' ? card.contacts.length : null;
  return n ? (
    <Badge size="xs" variant="light" circle>
      {n}
    </Badge>
  ) : null;
}
