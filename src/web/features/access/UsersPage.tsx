/**
 * The organisation's users, for the owner and the head of sales: add one (a password typed or
 * generated and shown once), change name, e-mail, role and language, reset a password, sign someone
 * out everywhere, disable and enable. What the guard rails (core/access/accounts.ts) would refuse is
 * greyed out with the reason, in the same words the server would answer.
 */
import {
  Alert,
  Badge,
  Button,
  Group,
  Menu,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeRefusal, type AccountChange } from '../../../core/access/accounts.js';
import { can } from '../../../core/access/permissions.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { Section } from '../../components/Section.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { messageText } from '../../lib/messages.js';
import { notify } from '../../lib/notify.js';
import { useMe } from '../../lib/session.js';
import { useUsers } from '../../lib/users.js';
import { useChangeUser, useSignUserOut, type UserT } from './accounts.js';
import { ConfirmDialog, Note } from './parts.js';
import { AddUserDialog, EditUserDialog, ResetPasswordDialog } from './UserDialogs.js';
import { WideTable } from '../../components/WideTable.js';

type Filter = 'all' | 'active' | 'disabled';
type Dialog = { kind: 'add' } | { kind: 'edit' | 'reset' | 'disable' | 'signOut'; user: UserT };

export default function UsersPage() {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const me = useMe();
  const role = me.data?.role ?? '';
  const allowed = can(role, 'manageUsers');
  const users = useUsers({ fresh: true });
  const change = useChangeUser();
  const signOut = useSignUserOut();
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const all = useMemo(() => users.data ?? [], [users.data]);
  const activeOwners = all.filter((u) => u.role === 'owner' && u.disabledAt === null).length;
  const shown = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase();
    return all
      .filter((u) => filter === 'all' || (filter === 'active') === (u.disabledAt === null))
      .filter((u) => !needle || `${u.name} ${u.email}`.toLocaleLowerCase().includes(needle))
      .sort((a, b) => Number(a.disabledAt !== null) - Number(b.disabledAt !== null));
  }, [all, filter, search]);

  if (me.isPending) return <PageLoader />;
  const actor = { role, userId: me.data?.userId ?? null };
  /** Why a change of `user` would be refused, in the UI language; null when it is allowed. */
  const refusal = (user: UserT, accountChange: AccountChange): string | null => {
    const r = changeRefusal(
      actor,
      { id: user.id, role: user.role, disabled: user.disabledAt !== null },
      accountChange,
      activeOwners,
    );
    return r ? messageText(i18n, r.code, r.code === 'user.lastOwner' ? { name: user.name } : {}, r.code) : null;
  };
  const close = () => {
    change.reset();
    signOut.reset();
    setDialog(null);
  };
  const enable = (user: UserT) =>
    change.mutate(
      { id: user.id, disabled: false },
      {
        onSuccess: () => notify(t('users.enabled', { name: user.name })),
        onError: () => notify(t('users.enableFailed', { name: user.name }), 'error'),
      },
    );
  const counts = {
    active: all.filter((u) => u.disabledAt === null).length,
    disabled: all.filter((u) => u.disabledAt !== null).length,
  };

  return (
    <Section
      title={t('users.title')}
      testId="users-page"
      description={t('users.description')}
      actions={
        allowed ? (
          <Button onClick={() => setDialog({ kind: 'add' })} data-testid="users-add">
            {t('users.add')}
          </Button>
        ) : null
      }
    >
      {!allowed ? (
        <Alert color="orange" variant="light" role="alert" data-testid="users-forbidden">
          {t('users.forbidden', { role: label('role', role) })}
        </Alert>
      ) : users.isPending ? (
        <PageLoader minHeight={160} />
      ) : users.isError ? (
        <ErrorAlert error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <Stack gap="sm">
          <Group gap="sm" wrap="wrap" justify="space-between">
            <Group gap="sm" wrap="wrap">
              <TextInput
                aria-label={t('users.search')}
                placeholder={t('users.search')}
                value={search}
                onChange={(e) => setSearch(e.currentTarget.value)}
                w={280}
                data-testid="users-search"
              />
              <SegmentedControl
                value={filter}
                onChange={(v) => setFilter(v === 'active' || v === 'disabled' ? v : 'all')}
                aria-label={t('users.filter.label')}
                data={[
                  { value: 'all', label: t('users.filter.all') },
                  { value: 'active', label: t('users.filter.active') },
                  { value: 'disabled', label: t('users.filter.disabled') },
                ]}
              />
            </Group>
            <Text size="sm" c="dimmed" data-testid="users-counts">
              {t('users.counts', {
                active: formatNumber(counts.active, language),
                disabled: formatNumber(counts.disabled, language),
              })}
            </Text>
          </Group>
          {shown.length === 0 ? (
            <EmptyBlock title={t('users.empty')} />
          ) : (
            <WideTable minWidth={980} label={t('users.title')}>
              <Table verticalSpacing="xs" highlightOnHover data-testid="users-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('users.columns.name')}</Table.Th>
                    <Table.Th>{t('users.columns.email')}</Table.Th>
                    <Table.Th>{t('users.columns.role')}</Table.Th>
                    <Table.Th>{t('users.columns.state')}</Table.Th>
                    <Table.Th>{t('users.columns.lastSignIn')}</Table.Th>
                    <Table.Th>{t('users.columns.created')}</Table.Th>
                    <Table.Th>
                      <VisuallyHidden>{t('users.columns.actions')}</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {shown.map((u) => {
                    const self = u.id === me.data?.userId;
                    const disabled = u.disabledAt !== null;
                    const reasons = {
                      edit: refusal(u, { name: u.name }),
                      reset: self ? messageText(i18n, 'user.resetOwnPassword', {}, '') : refusal(u, { password: true }),
                      signOut: refusal(u, { signOut: true }),
                      toggle: refusal(u, { disabled: !disabled }),
                    };
                    // One reason for every action (an owner's account, to the head of sales) is said once, on top.
                    const distinct = new Set(Object.values(reasons));
                    const shared = distinct.size === 1 ? ([...distinct][0] ?? null) : null;
                    const shown = (reason: string | null) => (shared ? null : reason);
                    return (
                      <Table.Tr key={u.id} data-testid={`user-row-${u.id}`} c={disabled ? 'dimmed' : undefined}>
                        <Table.Td>
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm" fw={600}>
                              {u.name}
                            </Text>
                            {self ? (
                              <Badge size="xs" variant="light" color="indigo">
                                {t('users.you')}
                              </Badge>
                            ) : null}
                            {u.passwordTemporary && !disabled ? (
                              <Tooltip label={t('users.temporaryHint')} multiline w={260} withArrow>
                                <Badge size="xs" variant="light" color="yellow" tabIndex={0}>
                                  {t('users.temporary')}
                                </Badge>
                              </Tooltip>
                            ) : null}
                          </Group>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{u.email}</Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" data-testid="user-role">
                            {label('role', u.role)}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          {disabled ? (
                            <Badge variant="light" color="gray" data-testid="user-state">
                              {t('users.disabledSince', { date: formatDate(u.disabledAt, language) })}
                            </Badge>
                          ) : (
                            <Badge variant="light" color="teal" data-testid="user-state">
                              {t('users.active')}
                            </Badge>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {u.lastSignInAt ? formatDateTime(u.lastSignInAt, language) : t('users.never')}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{formatDate(u.createdAt, language)}</Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Menu position="bottom-end" withinPortal width={320}>
                            <Menu.Target>
                              <Button
                                size="compact-sm"
                                variant="default"
                                aria-label={t('users.menu', { name: u.name })}
                                data-testid={`user-actions-${u.id}`}
                              >
                                {t('users.columns.actions')}
                              </Button>
                            </Menu.Target>
                            <Menu.Dropdown>
                              {shared ? (
                                <Menu.Label data-testid="user-actions-reason" style={{ whiteSpace: 'normal' }}>
                                  {shared}
                                </Menu.Label>
                              ) : null}
                              <Action
                                label={t('users.edit')}
                                reason={shown(reasons.edit)}
                                refused={reasons.edit !== null}
                                testId="user-edit"
                                onClick={() => setDialog({ kind: 'edit', user: u })}
                              />
                              <Action
                                label={t('users.reset')}
                                reason={shown(reasons.reset)}
                                refused={reasons.reset !== null}
                                testId="user-reset"
                                onClick={() => setDialog({ kind: 'reset', user: u })}
                              />
                              {!self && !disabled ? (
                                <Action
                                  label={t('users.signOut')}
                                  reason={shown(reasons.signOut)}
                                  refused={reasons.signOut !== null}
                                  testId="user-sign-out"
                                  onClick={() => setDialog({ kind: 'signOut', user: u })}
                                />
                              ) : null}
                              <Menu.Divider />
                              {disabled ? (
                                <Action
                                  label={t('users.enable')}
                                  reason={shown(reasons.toggle)}
                                  refused={reasons.toggle !== null}
                                  testId="user-enable"
                                  onClick={() => enable(u)}
                                />
                              ) : (
                                <Action
                                  label={t('users.disable')}
                                  reason={shown(reasons.toggle)}
                                  refused={reasons.toggle !== null}
                                  testId="user-disable"
                                  color="red"
                                  onClick={() => setDialog({ kind: 'disable', user: u })}
                                />
                              )}
                            </Menu.Dropdown>
                          </Menu>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
            </WideTable>
          )}
        </Stack>
      )}

      <AddUserDialog opened={dialog?.kind === 'add'} actorRole={role} onClose={close} />
      {dialog?.kind === 'edit' ? (
        <EditUserDialog
          user={dialog.user}
          actor={actor}
          activeOwners={activeOwners}
          onClose={close}
          roleRefusal={(next) => refusal(dialog.user, { role: next })}
        />
      ) : null}
      {dialog?.kind === 'reset' ? <ResetPasswordDialog user={dialog.user} onClose={close} /> : null}
      <ConfirmDialog
        opened={dialog?.kind === 'disable'}
        title={dialog?.kind === 'disable' ? t('users.disableTitle', { name: dialog.user.name }) : ''}
        confirmLabel={t('users.disable')}
        pending={change.isPending}
        error={change.error}
        testId="user-disable-dialog"
        onClose={close}
        onConfirm={() => {
          if (dialog?.kind !== 'disable') return;
          const { user } = dialog;
          change.mutate(
            { id: user.id, disabled: true },
            {
              onSuccess: () => {
                notify(t('users.disabled', { name: user.name }));
                close();
              },
            },
          );
        }}
      >
        <Note>{t('users.disableText')}</Note>
      </ConfirmDialog>
      <ConfirmDialog
        opened={dialog?.kind === 'signOut'}
        title={dialog?.kind === 'signOut' ? t('users.signOutTitle', { name: dialog.user.name }) : ''}
        confirmLabel={t('users.signOut')}
        pending={signOut.isPending}
        error={signOut.error}
        testId="user-sign-out-dialog"
        onClose={close}
        onConfirm={() => {
          if (dialog?.kind !== 'signOut') return;
          signOut.mutate(dialog.user.id, {
            onSuccess: (done) => {
              notify(
                t('users.signedOut', {
                  sessions: formatNumber(done.sessions, language),
                  tokens: formatNumber(done.tokens, language),
                }),
              );
              close();
            },
          });
        }}
      >
        <Note>{t('users.signOutText')}</Note>
      </ConfirmDialog>
    </Section>
  );
}

/** An item of a user's menu; refused ones are greyed out with the reason under them. */
function Action({
  label,
  reason,
  refused,
  testId,
  color,
  onClick,
}: {
  label: string;
  /** Why it is refused, unless the menu says it once for all. */
  reason: string | null;
  refused: boolean;
  testId: string;
  color?: string;
  onClick: () => void;
}) {
  return (
    <Menu.Item disabled={refused} color={color} onClick={onClick} data-testid={testId}>
      <Text size="sm" inherit>
        {label}
      </Text>
      {reason ? (
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'normal' }} data-testid={`${testId}-reason`}>
          {reason}
        </Text>
      ) : null}
    </Menu.Item>
  );
}
