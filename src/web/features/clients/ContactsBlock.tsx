/**
 * The client's contact persons: the table, and adding, editing (in a dialog) and deleting them.
 * `contactActions` adds buttons of other features before a contact's own (the card passes the entry to
 * the person's personal data).
 */
import type { ClientCardT } from '../../../contract/card.js';
import type { ContactT } from '../../../contract/clients.js';
import { Button, Group, Modal, Stack, Title } from '@mantine/core';
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { notify } from '../../lib/notify.js';
import { ContactsSection } from './CardSections.js';
import { ContactForm } from './ContactForm.js';
import { useConfirmedDelete } from './queries.js';

export function ContactsBlock({
  card,
  writable,
  contactActions,
}: {
  card: ClientCardT;
  writable: boolean;
  contactActions?: (contact: ContactT) => ReactNode;
}) {
  const { t } = useTranslation();
  const clientId = card.client.id;
  const [editing, setEditing] = useState<ContactT | 'new' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  const removal = useConfirmedDelete<ContactT>(clientId, 'contacts', () => {
    notify(t('contactForm.deleted'));
    addButton.current?.focus();
  });

  const actions = (c: ContactT) => (
    <Group gap={4} wrap="nowrap">
      {contactActions?.(c)}
      {c.erasedAt ? null : (
        <Button
          variant="default"
          size="compact-sm"
          aria-label={t('contactForm.editLabel', { name: c.fullName })}
          onClick={() => setEditing(c)}
        >
          {t('common.edit')}
        </Button>
      )}
      <Button
        variant="subtle"
        color="red"
        size="compact-sm"
        aria-label={t('contactForm.deleteLabel', { name: c.fullName })}
        onClick={() => removal.ask(c)}
      >
        {t('common.delete')}
      </Button>
    </Group>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">
          {t('card.contacts.caption')}
        </Title>
        {writable ? (
          <Button ref={addButton} variant="default" size="xs" onClick={() => setEditing('new')}>
            {t('contactForm.add')}
          </Button>
        ) : null}
      </Group>
      <ContactsSection card={card} actions={writable ? actions : undefined} />
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('contactForm.newTitle') : t('contactForm.editTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null ? (
          <ContactForm
            key={editing === 'new' ? 'new' : editing.id}
            clientId={clientId}
            contact={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        ) : null}
      </Modal>
      <ConfirmDelete
        opened={removal.deleting !== null}
        title={t('contactForm.deleteTitle')}
        message={t('contactForm.deleteMessage', { name: removal.deleting?.fullName ?? '' })}
        pending={removal.pending}
        error={removal.error}
        onConfirm={removal.confirm}
        onClose={removal.close}
      />
    </Stack>
  );
}
