/**
 * The entry to a person's personal data from the card's contacts: a button with the consent status
 * that opens the panel (consents, the file of everything held on them, erasure on request).
 */
import type { ContactT } from '../../../contract/clients.js';
import { Button, Modal } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session.js';
import { privacyRights, useClientConsents } from './api.js';
import { ConsentBadge, PersonalDataPanel } from './PersonalDataPanel.js';

export function PersonalDataButton({
  clientId,
  clientOwnerId,
  contact,
}: {
  clientId: number;
  clientOwnerId: number | null;
  contact: ContactT;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const rights = privacyRights(me.data, clientOwnerId);
  const statuses = useClientConsents(clientId, rights.see);
  const [open, setOpen] = useState(false);
  if (!rights.see) return null;
  const mine = statuses.data?.find((s) => s.contactId === contact.id);
  return (
    <>
      {/* The status itself is the button, so the contacts table stays narrow; its name says what it opens. */}
      <Button
        variant="subtle"
        size="compact-sm"
        px={2}
        onClick={() => setOpen(true)}
        aria-label={t('privacy.openLabel', { name: contact.fullName })}
        title={t('privacy.open')}
        data-testid={`personal-data-open-${contact.id}`}
      >
        {mine ? <ConsentBadge status={mine.status} erased={mine.erasedAt !== null} /> : t('privacy.open')}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('privacy.title', { name: contact.fullName })}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {open ? (
          <PersonalDataPanel clientId={clientId} contactId={contact.id} name={contact.fullName} rights={rights} />
        ) : null}
      </Modal>
    </>
  );
}
