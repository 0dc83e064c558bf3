import { Alert, Anchor, Box, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch.js';
import { PageLoader } from '../components/QueryStates.js';
import { useMe, useSignOut } from '../features/auth/session.js';
import { can } from '../../core/access/permissions.js';
import { isUnauthorized } from '../lib/api.js';
import { useLanguage } from '../lib/i18n.js';
import { describeError } from '../lib/problem.js';
import classes from './AppLayout.module.css';

export function AppLayout() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const signOut = useSignOut();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: (_data, error) => {
        if (error && !isUnauthorized(error)) return;
        queryClient.removeQueries();
        navigate('/sign-in', { replace: true });
      },
    });

  const signOutError = signOut.isError && !isUnauthorized(signOut.error) ? describeError(signOut.error, t, language) : null;

  return (
    <div className={classes.shell}>
      <a href="#main" className={classes.skip}>{t('app.skipToContent')}</a>
      <header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="lg" wrap="nowrap" miw={0}>
            <Anchor component={Link} to="/" fw={800} size="lg" c="indigo.7" underline="never">
              {t('app.name')}
            </Anchor>
            <nav aria-label={t('app.mainNav')}>
              <Group gap={4} wrap="nowrap">
                <NavLink to="/" end className={classes.navLink} data-testid="nav-dashboard">{t('nav.dashboard')}</NavLink>
                <NavLink to="/clients" className={classes.navLink} data-testid="nav-clients">{t('nav.clients')}</NavLink>
                <NavLink to="/analytics" className={classes.navLink} data-testid="nav-analytics">{t('nav.analytics')}</NavLink>
                <NavLink to="/calendar" className={classes.navLink} data-testid="nav-calendar">{t('nav.calendar')}</NavLink>
                <NavLink to="/claims" className={classes.navLink} data-testid="nav-claims">{t('nav.claims')}</NavLink>
                {can(me.data?.role ?? '', 'importData') ? <NavLink to="/import" className={classes.navLink} data-testid="nav-import">{t('nav.import')}</NavLink> : null}
                {me.data?.role === 'owner' ? <NavLink to="/audit" className={classes.navLink} data-testid="nav-audit">{t('nav.audit')}</NavLink> : null}
              </Group>
            </nav>
          </Group>
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Box miw={0} ta="right" className={classes.who}>
              <VisuallyHidden>{t('app.organisation')}: </VisuallyHidden>
              <Text size="sm" fw={600} truncate="end" title={me.data?.orgName}>{me.data?.orgName}</Text>
              <Text size="xs" c="dimmed" truncate="end" title={me.data?.email}>{me.data?.name}</Text>
            </Box>
            <LanguageSwitch />
            <Button variant="default" size="xs" onClick={onSignOut} loading={signOut.isPending}>
              {t('auth.signOut')}
            </Button>
          </Group>
        </Group>
      </header>
      <main id="main" tabIndex={-1} className={classes.main}>
        {signOutError ? (
          <Alert color="red" variant="light" mb="md" role="alert" title={t('auth.signOutFailed')} withCloseButton onClose={() => signOut.reset()} closeButtonLabel={t('common.close')}>
            {signOutError.detail}
          </Alert>
        ) : null}
        <Suspense fallback={<PageLoader />}>
          <Outlet />
        </Suspense>
      </main>
    </div>
  );
}
