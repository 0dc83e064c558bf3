/** The client's contact persons: the table, and adding, editing (in a dialog) and deleting them. */
import type { ClientCardT } from '../../../contract/card.js';
import type { ContactT } from '../../../contract/clients.js';
import { Button, Group, Modal, Stack, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { notify } from '../../lib/notify.js';
import { ContactsSection } from './CardSections.js';
import { ContactForm } from './ContactForm.js';
import { useDeleteRecord } from './queries.js';

export function ContactsBlock({ card, writable }: { card: ClientCardT; writable: boolean }) {
  const { t } = useTranslation();
  const clientId = card.client.id;
  const [editing, setEditing] = useState<ContactT | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ContactT | null>(null);
  const remove = useDeleteRecord(clientId, 'contacts');
  const addButton = useRef<HTMLButtonElement>(null);

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };
  const confirmDelete = () => {
    if (!deleting) return;
    remove.mutate(deleting.id, {
      onSuccess: () => {
        notify(t('contactForm.deleted'));
        closeDelete();
        addButton.current?.focus();
      },
    });
  };

  const actions = (c: ContactT) => (
    <Group gap={4} wrap="nowrap">
      <Button variant="default" size="compact-sm" aria-label={t('contactForm.editLabel', { name: c.fullName })} onClick={() => setEditing(c)}>
        {t('common.edit')}
      </Button>
      <Button variant="subtle" color="red" size="compact-sm" aria-label={t('contactForm.deleteLabel', { name: c.fullName })} onClick={() => setDeleting(c)}>
        {t('common.delete')}
      </Button>
    </Group>
  );

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h4">{t('card.contacts.caption')}</Title>
        {writable ? <Button ref={addButton} variant="default" size="xs" onClick={() => setEditing('new')}>{t('contactForm.add')}</Button> : null}
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
          <ContactForm key={editing === 'new' ? 'new' : editing.id} clientId={clientId} contact={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
      <ConfirmDelete
        opened={deleting !== null}
        title={t('contactForm.deleteTitle')}
        message={t('contactForm.deleteMessage', { name: deleting?.fullName ?? '' })}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={confirmDelete}
        onClose={closeDelete}
      />
    </Stack>
  );
}
