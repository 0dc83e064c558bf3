import { Button, Group, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** A form's Cancel and Save, at its end: Cancel waits while the write is under way, Save shows it is. */
export function FormActions({
  pending,
  onCancel,
  submitLabel,
  submitColor,
  submitTestId,
  mt = 'xs',
}: {
  pending: boolean;
  onCancel: () => void;
  /** "Save" unless told otherwise. */
  submitLabel?: ReactNode;
  submitColor?: MantineColor | undefined;
  submitTestId?: string;
  mt?: 'xs' | 0;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="sm" mt={mt}>
      <Button variant="default" onClick={onCancel} disabled={pending}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" color={submitColor} loading={pending} data-testid={submitTestId}>
        {submitLabel ?? t('common.save')}
      </Button>
    </Group>
  );
}
