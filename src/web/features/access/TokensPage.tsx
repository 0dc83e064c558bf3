/**
 * API tokens for integrations (an exchange with 1C, scripts): issue one with a role that grants
 * nothing beyond one's own (the secret shown once), see when each was last used, revoke. Everyone
 * manages their own tokens; the owner of the company also sees and revokes everyone's.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { tokenRoles } from '../../../core/access/accounts.js';
import { can } from '../../../core/access/permissions.js';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { Section } from '../../components/Section.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { useFormSave } from '../../lib/forms.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { useMe } from '../../lib/session.js';
import { useApiTokens, useCreateToken, useRevokeToken, type ApiTokenT } from './accounts.js';
import { ConfirmDialog, Note, SecretOnce } from './parts.js';
import { WideTable } from '../../components/WideTable.js';

export default function TokensPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const me = useMe();
  const role = me.data?.role ?? '';
  const seesAll = can(role, 'administer');
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [withRevoked, setWithRevoked] = useState(false);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<ApiTokenT | null>(null);
  const tokens = useApiTokens(seesAll ? scope : 'mine');
  const revoke = useRevokeToken();

  if (me.isPending) return <PageLoader />;
  const list = (tokens.data ?? [])
    .filter((tk) => withRevoked || tk.revokedAt === null)
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.id - a.id);
  const revokedCount = (tokens.data ?? []).filter((tk) => tk.revokedAt !== null).length;
  const others = scope === 'all' && seesAll;
  const closeRevoke = () => {
    revoke.reset();
    setRevoking(null);
  };

  return (
    <Section
      title={t('tokens.title')}
      testId="tokens-page"
      description={t('tokens.description')}
      actions={
        <Button onClick={() => setCreating(true)} data-testid="tokens-create">
          {t('tokens.create')}
        </Button>
      }
    >
      <Stack gap="sm">
        <Group gap="sm" justify="space-between" wrap="wrap">
          <Group gap="sm" wrap="wrap">
            {seesAll ? (
              <SegmentedControl
                value={scope}
                onChange={(v) => setScope(v === 'all' ? 'all' : 'mine')}
                aria-label={t('tokens.scope.label')}
                data={[
                  { value: 'mine', label: t('tokens.scope.mine') },
                  { value: 'all', label: t('tokens.scope.all') },
                ]}
                data-testid="tokens-scope"
              />
            ) : null}
            <Checkbox
              label={t('tokens.withRevoked', { n: revokedCount })}
              checked={withRevoked}
              onChange={(e) => setWithRevoked(e.currentTarget.checked)}
              disabled={revokedCount === 0}
              data-testid="tokens-with-revoked"
            />
          </Group>
          <Text size="xs" c="dimmed">
            {t(seesAll ? 'tokens.whoSeesOwner' : 'tokens.whoSees')}
          </Text>
        </Group>
        {tokens.isPending ? (
          <PageLoader minHeight={160} />
        ) : tokens.isError ? (
          <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} />
        ) : list.length === 0 ? (
          <EmptyBlock title={t('tokens.empty')} description={t('tokens.emptyHint')} />
        ) : (
          <WideTable minWidth={860} label={t('tokens.title')}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="tokens-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('tokens.columns.name')}</Table.Th>
                  <Table.Th>{t('tokens.columns.role')}</Table.Th>
                  {others ? <Table.Th>{t('tokens.columns.user')}</Table.Th> : null}
                  <Table.Th>{t('tokens.columns.created')}</Table.Th>
                  <Table.Th>{t('tokens.columns.lastUsed')}</Table.Th>
                  <Table.Th>{t('tokens.columns.state')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('tokens.columns.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((tk) => (
                  <Table.Tr key={tk.id} data-testid={`token-row-${tk.id}`} c={tk.revokedAt ? 'dimmed' : undefined}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {tk.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{label('role', tk.role)}</Text>
                    </Table.Td>
                    {others ? (
                      <Table.Td>
                        <Text size="sm">{tk.userName}</Text>
                      </Table.Td>
                    ) : null}
                    <Table.Td>
                      <Text size="sm">{formatDate(tk.createdAt, language)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" data-testid="token-last-used">
                        {tk.lastUsedAt ? formatDateTime(tk.lastUsedAt, language) : t('tokens.neverUsed')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {tk.revokedAt ? (
                        <Badge variant="light" color="gray" data-testid="token-state">
                          {t('tokens.revokedOn', { date: formatDate(tk.revokedAt, language) })}
                        </Badge>
                      ) : (
                        <Badge variant="light" color="teal" data-testid="token-state">
                          {t('tokens.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td ta="right">
                      {tk.revokedAt ? null : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          onClick={() => setRevoking(tk)}
                          aria-label={t('tokens.revokeNamed', { name: tk.name })}
                          data-testid={`token-revoke-${tk.id}`}
                        >
                          {t('tokens.revoke')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </Stack>

      {creating ? <CreateTokenDialog actorRole={role} onClose={() => setCreating(false)} /> : null}
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking ? t('tokens.revokeTitle', { name: revoking.name }) : ''}
        confirmLabel={t('tokens.revoke')}
        pending={revoke.isPending}
        error={revoke.error}
        testId="token-revoke-dialog"
        onClose={closeRevoke}
        onConfirm={() => {
          if (!revoking) return;
          const { name } = revoking;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              notify(t('tokens.revoked', { name }));
              closeRevoke();
            },
          });
        }}
      >
        <Note>
          {revoking && revoking.userId !== me.data?.userId
            ? t('tokens.revokeOthersText', { user: revoking.userName })
            : t('tokens.revokeText')}
        </Note>
      </ConfirmDialog>
    </Section>
  );
}

type Field = 'name' | 'role';

/** A new token: a name that says what it is for, a role within one's own; the secret is shown once. */
function CreateTokenDialog({ actorRole, onClose }: { actorRole: string; onClose: () => void }) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const create = useCreateToken();
  const form = useFormSave<Field>(create);
  const roles = tokenRoles(actorRole);
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>(roles.includes('read_only') ? 'read_only' : (roles[0] ?? actorRole));
  const [secret, setSecret] = useState<{ name: string; token: string } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (name.trim() === '') problems.name = t('tokens.form.nameRequired');
    if (!form.check(problems) || !isEnumValue('role', role)) return;
    create.mutate(
      { name: name.trim(), role },
      { onSuccess: (made) => setSecret({ name: made.name, token: made.token }) },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('tokens.form.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {secret ? (
        <Stack data-testid="token-created">
          <Alert color="green" variant="light" role="status">
            {t('tokens.form.created', { name: secret.name })}
          </Alert>
          <SecretOnce
            label={t('tokens.form.secret')}
            value={secret.token}
            note={t('tokens.form.once')}
            testId="token-secret"
          />
          <Text size="sm">{t('tokens.form.usage')}</Text>
          <Code
            block
          >{`curl -H "Authorization: Bearer ${secret.token}" ${window.location.origin}/api/v1/clients`}</Code>
          <Text size="xs" c="dimmed">
            {t('tokens.form.docs', { url: `${window.location.origin}/api/docs` })}
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="token-created-close">
              {t('access.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate data-testid="token-create-form">
          <Stack gap="sm">
            <TextInput
              label={t('tokens.form.name')}
              description={t('tokens.form.nameHint')}
              required
              maxLength={100}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                form.touch('name');
              }}
              error={form.errorOf('name')}
              data-autofocus
              data-testid="token-name"
            />
            <Stack gap={4}>
              <Select
                label={t('tokens.form.role')}
                description={t('tokens.form.roleHint', { role: label('role', actorRole) })}
                required
                data={roles.map((r) => ({ value: r, label: label('role', r) }))}
                value={role}
                onChange={(v) => {
                  if (v) setRole(v);
                  form.touch('role');
                }}
                allowDeselect={false}
                error={form.errorOf('role')}
                data-testid="token-role"
                comboboxProps={{ withinPortal: true }}
              />
              {isEnumValue('role', role) ? (
                <Text size="xs" c="dimmed">
                  {t(`users.roleHints.${role}`)}
                </Text>
              ) : null}
            </Stack>
            {form.problem ? <FormProblem error={form.problem} shownFields={['name', 'role']} /> : null}
            <FormActions
              pending={form.pending}
              onCancel={onClose}
              submitLabel={t('tokens.form.submit')}
              submitTestId="token-create-submit"
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
