/** Pieces the users and API-token pages share: a secret shown once, the password choice, a confirmation. */
import { Alert, Button, CopyButton, Group, Modal, PasswordInput, Radio, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MIN_LENGTH } from '../../../core/access/accounts.js';
import { ErrorAlert } from '../../components/QueryStates.js';

/** A password or token shown this once, selectable and with a copy button. */
export function SecretOnce({
  label,
  value,
  note,
  testId,
}: {
  label: string;
  value: string;
  note: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <TextInput
        label={label}
        value={value}
        readOnly
        onFocus={(e) => e.currentTarget.select()}
        data-testid={testId}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        rightSectionWidth={120}
        rightSection={
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button
                size="compact-xs"
                variant={copied ? 'light' : 'default'}
                color={copied ? 'teal' : undefined}
                onClick={copy}
                data-testid={`${testId}-copy`}
              >
                {t(copied ? 'access.secret.copied' : 'access.secret.copy')}
              </Button>
            )}
          </CopyButton>
        }
      />
      <Text size="xs" c="orange.8">
        {note}
      </Text>
    </Stack>
  );
}

export type PasswordMode = 'generate' | 'manual';

/** Generate a password on the server (the default) or type one; the typed one must be long enough. */
export function PasswordChoice({
  mode,
  onMode,
  value,
  onValue,
  error,
  label,
}: {
  mode: PasswordMode;
  onMode: (mode: PasswordMode) => void;
  value: string;
  onValue: (value: string) => void;
  error: string | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Radio.Group
        label={label}
        value={mode}
        onChange={(v) => onMode(v === 'manual' ? 'manual' : 'generate')}
        data-testid="password-mode"
      >
        <Stack gap={6} mt={4}>
          <Radio value="generate" label={t('access.password.generate')} data-testid="password-generate" />
          <Radio value="manual" label={t('access.password.manual')} data-testid="password-manual" />
        </Stack>
      </Radio.Group>
      {mode === 'manual' ? (
        <PasswordInput
          label={t('access.password.value')}
          description={t('access.password.tooShort', { count: PASSWORD_MIN_LENGTH })}
          autoComplete="new-password"
          value={value}
          onChange={(e) => onValue(e.currentTarget.value)}
          error={error}
          data-testid="password-value"
        />
      ) : null}
    </Stack>
  );
}

/** Asks before an action that cannot be taken back (disable, revoke); the safe choice has the focus. */
export function ConfirmDialog({
  opened,
  title,
  children,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onClose,
  testId,
}: {
  opened: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md" data-testid={testId}>
        {children}
        {error ? <ErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending} data-testid={`${testId}-confirm`}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A note inside a dialog: what the action will do, before it is done. */
export function Note({ children }: { children: ReactNode }) {
  return (
    <Alert color="gray" variant="light" p="xs">
      <Text size="sm">{children}</Text>
    </Alert>
  );
}
