import { Anchor, Box, Button, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { PageLoader } from '../components/QueryStates.js';
import { AccountMenu, TemporaryPasswordNotice } from '../features/auth/AccountMenu.js';
import { canWrite } from '../lib/enums.js';
import { openNewClient, useNewClientOpen } from '../lib/newClient.js';
import { useMe } from '../lib/session.js';
import { can } from '../../core/access/permissions.js';
import classes from './AppLayout.module.css';

// The new-client form loads the first time it is opened, not with the shell.
const NewClientModal = lazy(() => import('../features/clients/NewClientModal.js'));

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const newClientOpen = useNewClientOpen();
  const [newClientLoaded, setNewClientLoaded] = useState(false);
  if (newClientOpen && !newClientLoaded) setNewClientLoaded(true);

  return (
    <div className={classes.shell}>
      <a href="#main" className={classes.skip}>
        {t('app.skipToContent')}
      </a>
      <header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="lg" wrap="nowrap" miw={0} className={classes.brand}>
            <Anchor component={Link} to="/" fw={800} size="lg" c="indigo.7" underline="never">
              {t('app.name')}
            </Anchor>
            <nav aria-label={t('app.mainNav')} className={classes.nav}>
              <Group gap={4} wrap="nowrap">
                <NavLink to="/" end className={classes.navLink} data-testid="nav-dashboard">
                  {t('nav.dashboard')}
                </NavLink>
                <NavLink to="/clients" className={classes.navLink} data-testid="nav-clients">
                  {t('nav.clients')}
                </NavLink>
                <NavLink to="/analytics" className={classes.navLink} data-testid="nav-analytics">
                  {t('nav.analytics')}
                </NavLink>
                <NavLink to="/calendar" className={classes.navLink} data-testid="nav-calendar">
                  {t('nav.calendar')}
                </NavLink>
                <NavLink to="/claims" className={classes.navLink} data-testid="nav-claims">
                  {t('nav.claims')}
                </NavLink>
                {can(me.data?.role ?? '', 'importData') ? (
                  <NavLink to="/import" className={classes.navLink} data-testid="nav-import">
                    {t('nav.import')}
                  </NavLink>
                ) : null}
                {can(me.data?.role ?? '', 'administer') ? (
                  <NavLink to="/audit" className={classes.navLink} data-testid="nav-audit">
                    {t('nav.audit')}
                  </NavLink>
                ) : null}
                <NavLink to="/settings" className={classes.navLink} data-testid="nav-settings">
                  {t('nav.settings')}
                </NavLink>
              </Group>
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap" miw={0} className={classes.actions}>
            {canWrite(me.data?.role) ? (
              <Tooltip label={t('newClient.open')} openDelay={300}>
                <Button
                  size="xs"
                  variant="light"
                  onClick={openNewClient}
                  aria-label={t('newClient.open')}
                  data-testid="header-new-client"
                  className={classes.newClient}
                >
                  <span aria-hidden>+</span>
                  <span className={classes.newClientLabel}>{t('newClient.short')}</span>
                </Button>
              </Tooltip>
            ) : null}
            <Box miw={0} ta="right" className={classes.who} data-testid="header-who">
              <VisuallyHidden>{t('app.organisation')}: </VisuallyHidden>
              <Text size="sm" fw={600} truncate="end" title={me.data?.orgName}>
                {me.data?.orgName}
              </Text>
              <Text size="xs" c="dimmed" truncate="end" title={me.data?.email}>
                {me.data?.name}
              </Text>
            </Box>
            <LanguageSwitch />
            <AccountMenu />
          </Group>
        </Group>
      </header>
      <main id="main" tabIndex={-1} className={classes.main}>
        <TemporaryPasswordNotice />
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </main>
      {newClientLoaded ? (
        <Suspense fallback={null}>
          <NewClientModal />
        </Suspense>
      ) : null}
    </div>
  );
}
