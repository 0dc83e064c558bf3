import { Alert, Button, Group, Menu, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PASSWORD_MIN_LENGTH } from '../../../core/access/accounts.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isUnauthorized } from '../../lib/api.js';
import { useLanguage } from '../../lib/i18n.js';
import { describeError, fieldErrors } from '../../lib/problem.js';
import { useChangeOwnPassword, useMe, useSignOut, useSignOutEverywhere } from '../../lib/session.js';

const MIN_PASSWORD = PASSWORD_MIN_LENGTH;

/**
 * The signed-in person's own account: change the password (the current one is asked: a session
 * left open must not be enough to take the account over), sign out here, or sign out everywhere —
 * every session, API token and the calendar feed — when a password may have leaked.
 */
export function AccountMenu() {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useMe();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const everywhere = useSignOutEverywhere();
  const [dialog, setDialog] = useState<'password' | 'everywhere' | null>(null);

  const leave = () => {
    queryClient.removeQueries();
    navigate('/sign-in', { replace: true });
  };
  const onSignOut = () =>
    signOut.mutate(undefined, {
      onSettled: (_d, error) => {
        if (!error || isUnauthorized(error)) leave();
      },
    });
  const failure = signOut.isError && !isUnauthorized(signOut.error) ? describeError(signOut.error, t, language) : null;

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" data-testid="account-menu" loading={signOut.isPending}>
            {t('account.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.data?.email}</Menu.Label>
          <Menu.Item onClick={() => setDialog('password')} data-testid="account-change-password">
            {t('account.changePassword')}
          </Menu.Item>
          <Menu.Item onClick={() => setDialog('everywhere')} data-testid="account-sign-out-everywhere">
            {t('account.signOutEverywhere')}
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item onClick={onSignOut} data-testid="account-sign-out">
            {t('auth.signOut')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      {failure ? (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={t('auth.signOutFailed')}
          withCloseButton
          onClose={() => signOut.reset()}
          closeButtonLabel={t('common.close')}
        >
          {failure.detail}
        </Alert>
      ) : null}
      <ChangePasswordDialog opened={dialog === 'password'} onClose={() => setDialog(null)} userId={me.data?.userId} />
      <Modal
        opened={dialog === 'everywhere'}
        onClose={() => {
          everywhere.reset();
          setDialog(null);
        }}
        title={t('account.signOutEverywhere')}
      >
        <Stack>
          <Text size="sm">{t('account.signOutEverywhereText')}</Text>
          {everywhere.isError && !isUnauthorized(everywhere.error) ? (
            <FormProblem error={everywhere.error} shownFields={[]} />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDialog(null)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red"
              loading={everywhere.isPending}
              data-testid="account-sign-out-everywhere-confirm"
              onClick={() =>
                everywhere.mutate(undefined, {
                  onSettled: (_d, error) => {
                    if (!error || isUnauthorized(error)) leave();
                  },
                })
              }
            >
              {t('account.signOutEverywhereConfirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/**
 * A password someone else set (a new account, a reset, the first start's generated one) is temporary:
 * a notice over every page asks the person to choose their own until they do.
 */
export function TemporaryPasswordNotice() {
  const { t } = useTranslation();
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!me.data?.passwordTemporary) return null;
  return (
    <>
      <Alert
        color="yellow"
        variant="light"
        mb="md"
        title={t('account.temporaryTitle')}
        data-testid="temporary-password"
      >
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm">{t('account.temporaryText')}</Text>
          <Button size="xs" onClick={() => setOpen(true)} data-testid="temporary-password-change">
            {t('account.changePassword')}
          </Button>
        </Group>
      </Alert>
      <ChangePasswordDialog opened={open} onClose={() => setOpen(false)} userId={me.data.userId} />
    </>
  );
}

function ChangePasswordDialog({
  opened,
  onClose,
  userId,
}: {
  opened: boolean;
  onClose: () => void;
  userId: number | undefined;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const change = useChangeOwnPassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState(false);
  const server = fieldErrors(change.error, language);
  const local = {
    currentPassword: touched && current === '' ? t('account.currentRequired') : undefined,
    password: touched && next.length < MIN_PASSWORD ? t('account.tooShort', { count: MIN_PASSWORD }) : undefined,
    repeat: touched && repeat !== next ? t('account.mismatch') : undefined,
  };
  const close = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
    setTouched(false);
    setDone(false);
    change.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (userId === undefined || current === '' || next.length < MIN_PASSWORD || repeat !== next) return;
    change.mutate({ userId, currentPassword: current, password: next }, { onSuccess: () => setDone(true) });
  };
  return (
    <Modal opened={opened} onClose={close} title={t('account.changePassword')}>
      {done ? (
        <Stack>
          <Alert color="green" variant="light" role="status">
            {t('account.passwordChanged')}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={close}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <PasswordInput
              label={t('account.currentPassword')}
              autoComplete="current-password"
              value={current}
              onChange={(e) => setCurrent(e.currentTarget.value)}
              error={local.currentPassword ?? server.currentPassword}
              data-testid="account-current-password"
            />
            <PasswordInput
              label={t('account.newPassword')}
              description={t('account.tooShort', { count: MIN_PASSWORD })}
              autoComplete="new-password"
              value={next}
              onChange={(e) => setNext(e.currentTarget.value)}
              error={local.password ?? server.password}
              data-testid="account-new-password"
            />
            <PasswordInput
              label={t('account.repeatPassword')}
              autoComplete="new-password"
              value={repeat}
              onChange={(e) => setRepeat(e.currentTarget.value)}
              error={local.repeat}
              data-testid="account-repeat-password"
            />
            {/* A refusal about the two fields shows beside them; anything else (a network failure…) here. */}
            {change.isError && !server.currentPassword && !server.password ? (
              <FormProblem error={change.error} shownFields={['currentPassword', 'password']} />
            ) : null}
            <Text size="xs" c="dimmed">
              {t('account.passwordChangeNote')}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={change.isPending} data-testid="account-save-password">
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
