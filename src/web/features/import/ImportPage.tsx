/** Import: the wizard that brings a file in, and the history of imports, each openable to its result. */
import { Alert, Modal, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Notifications } from '../../components/Notifications.js';
import { can } from '../../../core/access/permissions.js';
import { useMe } from '../../lib/session.js';
import { ImportHistory } from './ImportHistory.js';
import { ImportWizard } from './ImportWizard.js';
import { JobView } from './JobView.js';

export default function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const jobParam = Number(params.get('job'));
  const openId = Number.isInteger(jobParam) && jobParam > 0 ? jobParam : null;

  const setOpen = (id: number | null) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (id === null) next.delete('job');
      else next.set('job', String(id));
      return next;
    });

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('import.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('import.subtitle')}
        </Text>
      </div>
      {!me.data ? null : can(me.data.role, 'importData') ? (
        <>
          <ImportWizard />
          <ImportHistory onOpen={setOpen} />
        </>
      ) : (
        <Alert color="gray" variant="light" data-testid="import-read-only">
          {t('access.importOnlyLeads')}
        </Alert>
      )}
      <Modal
        opened={openId !== null}
        onClose={() => setOpen(null)}
        title={openId !== null ? t('import.job.title', { id: openId }) : ''}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {openId !== null ? <JobView id={openId} /> : null}
      </Modal>
      <Notifications />
    </Stack>
  );
}
