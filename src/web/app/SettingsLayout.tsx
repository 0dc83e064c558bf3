/**
 * The settings area: the organisation's users (for the owner and the head of sales) and API tokens
 * (everyone's own), each a tab with its own lazy page under /settings/<tab>.
 */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { can } from '../../core/access/permissions.js';
import { PageLoader } from '../components/QueryStates.js';
import { useMe } from '../lib/session.js';
import { ScrollingTabsList } from '../components/ScrollingTabsList.js';

const tabs = ['users', 'tokens'] as const;

export default function SettingsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const me = useMe();
  const managesUsers = can(me.data?.role ?? '', 'manageUsers');
  // Only those who manage users see that tab; the page itself still says why to anyone who opens it.
  const shown = tabs.filter((tab) => tab !== 'users' || managesUsers);
  const current =
    tabs.find((tab) => pathname === `/settings/${tab}` || pathname.startsWith(`/settings/${tab}/`)) ?? null;
  if (me.isPending) return <PageLoader />;
  if (current === null && (pathname === '/settings' || pathname === '/settings/'))
    return <Navigate to={managesUsers ? '/settings/users' : '/settings/tokens'} replace />;
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('settingsArea.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('settingsArea.subtitle')}
        </Text>
      </div>
      <Tabs
        value={current}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
        activateTabWithKeyboard={false}
      >
        <ScrollingTabsList aria-label={t('settingsArea.sections')}>
          {shown.map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`settings-tab-${tab}`}>
              {t(`settingsArea.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </ScrollingTabsList>
      </Tabs>
      <Suspense fallback={<PageLoader />}>
        <Outlet />
      </Suspense>
    </Stack>
  );
}
