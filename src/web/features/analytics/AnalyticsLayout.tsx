/** The analytics section: one tab per report, each its own lazy page under /analytics/<tab>. */
import { Stack, Tabs, Text, Title } from '@mantine/core';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { PageLoader } from '../../components/QueryStates.js';
import { ScrollingTabsList } from '../../components/ScrollingTabsList.js';

export const analyticsTabs = [
  'matrix',
  'rfm',
  'whale',
  'ladder',
  'cohorts',
  'retention',
  'insignificant',
  'base',
  'satisfaction',
  'losses',
  'settings',
] as const;
export type AnalyticsTab = (typeof analyticsTabs)[number];

export default function AnalyticsLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current =
    analyticsTabs.find((tab) => pathname === `/analytics/${tab}` || pathname.startsWith(`/analytics/${tab}/`)) ?? null;
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('analytics.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('analytics.subtitle')}
        </Text>
      </div>
      <Tabs
        value={current}
        onChange={(value) => value && navigate(`/analytics/${value}`)}
        keepMounted={false}
        activateTabWithKeyboard={false}
      >
        <ScrollingTabsList aria-label={t('analytics.sections')}>
          {analyticsTabs.map((tab) => (
            <Tabs.Tab key={tab} value={tab} data-testid={`analytics-tab-${tab}`}>
              {t(`analytics.tabs.${tab}`)}
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
