import { Notification, Portal, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dismiss, useNotes } from '../lib/notify.js';

/** Where notify() messages appear: bottom right, announced politely to screen readers. */
export function Notifications() {
  const { t } = useTranslation();
  const notes = useNotes();
  return (
    <Portal>
      <Stack
        gap="xs"
        pos="fixed"
        bottom={16}
        right={16}
        w={360}
        maw="calc(100vw - 32px)"
        style={{ zIndex: 1000 }}
        role="status"
        aria-live="polite"
      >
        {notes.map((note) => (
          <Notification
            key={note.id}
            withBorder
            color={note.tone === 'success' ? 'teal' : 'red'}
            onClose={() => dismiss(note.id)}
            closeButtonProps={{ 'aria-label': t('common.close') }}
            role="none"
            data-testid="notification"
          >
            {note.message}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
}
