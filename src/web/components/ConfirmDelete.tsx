import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../lib/api.js';
import { ErrorAlert } from './QueryStates.js';

/**
 * Asks before deleting something. The safe choice (cancel) has the focus; a refusal from the server
 * stays in the dialog, with `conflictMessage` for a 409 (the record is still referenced).
 */
export function ConfirmDelete({
  opened,
  title,
  message,
  conflictMessage,
  pending,
  error,
  onConfirm,
  onClose,
}: {
  opened: boolean;
  title: string;
  message: string;
  conflictMessage?: string;
  pending: boolean;
  error: unknown;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const conflict = isApiError(error) && error.status === 409 && conflictMessage;
  return (
    <Modal opened={opened} onClose={onClose} title={title} closeButtonProps={{ 'aria-label': t('common.close') }}>
      <Stack gap="md">
        <Text size="sm">{message}</Text>
        {conflict ? (
          <Alert color="red" variant="light" role="alert">
            {conflictMessage}
          </Alert>
        ) : error ? (
          <ErrorAlert error={error} />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={pending} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={pending}>
            {t('common.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
