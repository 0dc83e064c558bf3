/** The users page's forms: add a user, change one, reset a password — each with what it will do said first. */
import type { UserT } from '../../../contract/auth.js';
import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { assignableRoles, PASSWORD_MIN_LENGTH } from '../../../core/access/accounts.js';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatNumber } from '../../lib/format.js';
import { useFormSave } from '../../lib/forms.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { useAddUser, useChangeUser, useResetPassword } from './accounts.js';
import { Note, PasswordChoice, SecretOnce, type PasswordMode } from './parts.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
type Locale = 'ru' | 'en';

/** The roles as options of a select, each with what it may do. */
function useRoleOptions(roles: readonly string[]) {
  const label = useEnumLabel();
  return roles.map((r) => ({ value: r, label: label('role', r) }));
}

function RoleHint({ role }: { role: string | null }) {
  const { t } = useTranslation();
  if (!role || !isEnumValue('role', role)) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="role-hint">
      {t(`users.roleHints.${role}`)}
    </Text>
  );
}

function LocaleField({ value, onChange }: { value: Locale; onChange: (v: Locale) => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id="user-locale-label">
        {t('users.form.locale')}
      </Text>
      <SegmentedControl
        aria-labelledby="user-locale-label"
        value={value}
        onChange={(v) => onChange(v === 'en' ? 'en' : 'ru')}
        data={[
          { value: 'ru', label: t('language.full.ru') },
          { value: 'en', label: t('language.full.en') },
        ]}
      />
    </Stack>
  );
}

type AddField = 'name' | 'email' | 'role' | 'password';

/** A new user: who, with which role, and a password typed or generated (then shown once). */
export function AddUserDialog({
  opened,
  actorRole,
  onClose,
}: {
  opened: boolean;
  actorRole: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const add = useAddUser();
  const form = useFormSave<AddField>(add);
  const roles = useRoleOptions(assignableRoles(actorRole));
  const blank = { name: '', email: '', role: 'manager', locale: 'ru' as Locale, mode: 'generate' as PasswordMode };
  const [values, setValues] = useState({ ...blank, password: '' });
  const [done, setDone] = useState<{ name: string; email: string; password: string | null } | null>(null);
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    if (field === 'name' || field === 'email' || field === 'role' || field === 'password') form.touch(field);
  };
  const close = () => {
    setValues({ ...blank, password: '' });
    setDone(null);
    form.reset({});
    add.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<AddField, string>> = {};
    if (values.name.trim() === '') problems.name = t('users.form.nameRequired');
    if (!EMAIL.test(values.email.trim())) problems.email = t('users.form.emailInvalid');
    if (!isEnumValue('role', values.role)) problems.role = t('users.form.roleRequired');
    if (values.mode === 'manual' && values.password.length < PASSWORD_MIN_LENGTH)
      problems.password = t('access.password.tooShort', { count: PASSWORD_MIN_LENGTH });
    if (!form.check(problems) || !isEnumValue('role', values.role)) return;
    add.mutate(
      {
        name: values.name.trim(),
        email: values.email.trim(),
        role: values.role,
        locale: values.locale,
        ...(values.mode === 'manual' ? { password: values.password } : {}),
      },
      {
        onSuccess: (user) => {
          notify(t('users.form.added', { name: user.name }));
          setDone({ name: user.name, email: user.email, password: user.generatedPassword ?? null });
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('users.form.addTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {done ? (
        <Stack data-testid="user-added">
          <Alert color="green" variant="light" role="status">
            {t('users.form.addedText', { name: done.name, email: done.email })}
          </Alert>
          {done.password ? (
            <SecretOnce
              label={t('access.password.generated')}
              value={done.password}
              note={t('access.password.once')}
              testId="user-generated-password"
            />
          ) : (
            <Text size="sm">{t('users.form.tellPassword')}</Text>
          )}
          <Text size="sm">{t('users.form.signInAt', { url: `${window.location.origin}/sign-in` })}</Text>
          <Group justify="flex-end">
            <Button onClick={close} data-testid="user-added-close">
              {t('access.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate data-testid="user-add-form">
          <Stack gap="sm">
            <TextInput
              label={t('users.form.name')}
              required
              value={values.name}
              onChange={(e) => set('name', e.currentTarget.value)}
              error={form.errorOf('name')}
              data-autofocus
              data-testid="user-name"
            />
            <TextInput
              label={t('users.form.email')}
              description={t('users.form.emailHint')}
              required
              type="email"
              autoComplete="off"
              value={values.email}
              onChange={(e) => set('email', e.currentTarget.value)}
              error={form.errorOf('email')}
              data-testid="user-email"
            />
            <Stack gap={4}>
              <Select
                label={t('users.form.role')}
                required
                data={roles}
                value={values.role}
                onChange={(v) => set('role', v ?? '')}
                allowDeselect={false}
                error={form.errorOf('role')}
                data-testid="user-role-select"
                comboboxProps={{ withinPortal: true }}
              />
              <RoleHint role={values.role} />
            </Stack>
            <LocaleField value={values.locale} onChange={(v) => set('locale', v)} />
            <PasswordChoice
              label={t('access.password.label')}
              mode={values.mode}
              onMode={(mode) => set('mode', mode)}
              value={values.password}
              onValue={(v) => set('password', v)}
              error={form.errorOf('password')}
            />
            <Note>{t('access.password.temporaryNote')}</Note>
            {form.problem ? (
              <FormProblem error={form.problem} shownFields={['name', 'email', 'role', 'password']} />
            ) : null}
            <FormActions
              pending={form.pending}
              onCancel={close}
              submitLabel={t('users.add')}
              submitTestId="user-add-submit"
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}

type EditField = 'name' | 'email' | 'role' | 'locale';

/** A user's name, e-mail, role and language; a role the guard rails refuse is said before saving. */
export function EditUserDialog({
  user,
  actor,
  activeOwners,
  roleRefusal,
  onClose,
}: {
  user: UserT;
  actor: { role: string; userId: number | null };
  activeOwners: number;
  /** Why the user may not get this role, or null. */
  roleRefusal: (role: string) => string | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const change = useChangeUser();
  const form = useFormSave<EditField>(change);
  const offered = assignableRoles(actor.role);
  const roles = useRoleOptions(offered.includes(user.role) ? offered : [user.role, ...offered]);
  const [values, setValues] = useState({ name: user.name, email: user.email, role: user.role, locale: user.locale });
  const set = <K extends EditField>(field: K, value: (typeof values)[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    form.touch(field);
  };
  const roleProblem = values.role !== user.role ? roleRefusal(values.role) : null;
  // The only active owner keeps the role whatever is picked: say so before anything is chosen.
  const lastOwner = user.role === 'owner' && user.disabledAt === null && activeOwners <= 1;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<EditField, string>> = {};
    if (values.name.trim() === '') problems.name = t('users.form.nameRequired');
    if (!EMAIL.test(values.email.trim())) problems.email = t('users.form.emailInvalid');
    if (roleProblem) problems.role = roleProblem;
    if (!form.check(problems)) return;
    const email = values.email.trim().toLowerCase();
    const fields = {
      ...(values.name.trim() !== user.name ? { name: values.name.trim() } : {}),
      ...(email !== user.email ? { email } : {}),
      ...(values.role !== user.role && isEnumValue('role', values.role) ? { role: values.role } : {}),
      ...(values.locale !== user.locale ? { locale: values.locale } : {}),
    };
    if (Object.keys(fields).length === 0) {
      onClose();
      return;
    }
    change.mutate({ id: user.id, ...fields }, { onSuccess: form.saved(t('users.form.saved'), onClose) });
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.form.editTitle', { name: user.name })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate data-testid="user-edit-form">
        <Stack gap="sm">
          <TextInput
            label={t('users.form.name')}
            required
            value={values.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={form.errorOf('name')}
            data-testid="user-name"
          />
          <TextInput
            label={t('users.form.email')}
            description={t('users.form.emailHint')}
            required
            type="email"
            autoComplete="off"
            value={values.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={form.errorOf('email')}
            data-testid="user-email"
          />
          <Stack gap={4}>
            <Select
              label={t('users.form.role')}
              required
              data={roles}
              value={values.role}
              onChange={(v) => v && isEnumValue('role', v) && set('role', v)}
              allowDeselect={false}
              disabled={lastOwner}
              description={lastOwner ? roleRefusal('manager') : undefined}
              error={form.errorOf('role') ?? roleProblem ?? undefined}
              data-testid="user-role-select"
              comboboxProps={{ withinPortal: true }}
            />
            <RoleHint role={values.role} />
            {values.role !== user.role && !roleProblem ? (
              <Text size="xs" c="orange.8">
                {t('users.form.roleChangeNote')}
              </Text>
            ) : null}
          </Stack>
          <LocaleField value={values.locale} onChange={(v) => set('locale', v)} />
          {form.problem ? <FormProblem error={form.problem} shownFields={['name', 'email', 'role', 'locale']} /> : null}
          <FormActions pending={form.pending} onCancel={onClose} submitTestId="user-edit-submit" />
        </Stack>
      </form>
    </Modal>
  );
}

/** A new temporary password for another user: typed or generated (then shown once); their sessions end. */
export function ResetPasswordDialog({ user, onClose }: { user: UserT; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const reset = useResetPassword();
  const form = useFormSave<'password'>(reset);
  const [mode, setMode] = useState<PasswordMode>('generate');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState<{ sessions: number; password: string | null } | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems =
      mode === 'manual' && password.length < PASSWORD_MIN_LENGTH
        ? { password: t('access.password.tooShort', { count: PASSWORD_MIN_LENGTH }) }
        : {};
    if (!form.check(problems)) return;
    reset.mutate(
      { id: user.id, ...(mode === 'manual' ? { password } : {}) },
      { onSuccess: (answer) => setDone({ sessions: answer.sessions, password: answer.generatedPassword ?? null }) },
    );
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('users.resetTitle', { name: user.name })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {done ? (
        <Stack data-testid="user-reset-done">
          <Alert color="green" variant="light" role="status">
            {t('users.resetDone', { sessions: formatNumber(done.sessions, language) })}
          </Alert>
          {done.password ? (
            <SecretOnce
              label={t('access.password.generated')}
              value={done.password}
              note={t('access.password.once')}
              testId="user-reset-password"
            />
          ) : (
            <Text size="sm">{t('users.form.tellPassword')}</Text>
          )}
          <Group justify="flex-end">
            <Button onClick={onClose} data-testid="user-reset-close">
              {t('access.done')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate data-testid="user-reset-form">
          <Stack gap="sm">
            <Note>{t('users.resetText', { email: user.email })}</Note>
            <PasswordChoice
              label={t('access.password.label')}
              mode={mode}
              onMode={setMode}
              value={password}
              onValue={(v) => {
                setPassword(v);
                form.touch('password');
              }}
              error={form.errorOf('password')}
            />
            {form.problem ? <FormProblem error={form.problem} shownFields={['password']} /> : null}
            <FormActions
              pending={form.pending}
              onCancel={onClose}
              submitLabel={t('users.reset')}
              submitTestId="user-reset-submit"
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
