/** The new-client form in a dialog the app shell opens from anywhere (lib/newClient: the header, the client list). */
import { Modal } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { closeNewClient, useNewClientOpen } from '../../lib/newClient.js';
import { NewClientForm } from './NewClientForm.js';

export default function NewClientModal() {
  const { t } = useTranslation();
  const opened = useNewClientOpen();
  return (
    <Modal
      opened={opened}
      onClose={closeNewClient}
      title={t('newClient.title')}
      size={880}
      // A click beside a long form should not throw away what was typed; Esc and the × still close it.
      closeOnClickOutside={false}
      closeButtonProps={{ 'aria-label': t('common.close') }}
      data-testid="new-client-modal"
    >
      {opened ? <NewClientForm onDone={closeNewClient} /> : null}
    </Modal>
  );
}
