/** The latest imports of the organisation, newest first; each opens to its result. */
import { Button, Group, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDateTime, formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useImportJobs } from './api.js';
import classes from './import.module.css';
import { ImportStatusBadge } from './JobView.js';
import { useImportLabels } from './labels.js';
import { isRunning, progressPercent } from './model.js';
import { WideTable } from '../../components/WideTable.js';

export function ImportHistory({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useImportLabels();
  const jobs = useImportJobs();
  const title = t('import.history.title');

  let body;
  if (jobs.isPending) body = <PageLoader minHeight={120} />;
  else if (jobs.isError && !jobs.data) body = <ErrorAlert error={jobs.error} onRetry={() => void jobs.refetch()} />;
  else if (jobs.data.length === 0)
    body = <EmptyBlock title={t('import.history.empty')} description={t('import.history.emptyDescription')} />;
  else {
    body = (
      <WideTable minWidth={760} label={title}>
        <Table highlightOnHover verticalSpacing="xs" aria-label={title} data-testid="import-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.history.when')}</Table.Th>
              <Table.Th>{t('import.history.file')}</Table.Th>
              <Table.Th>{t('import.history.kind')}</Table.Th>
              <Table.Th>{t('import.history.mode')}</Table.Th>
              <Table.Th>{t('import.history.status')}</Table.Th>
              <Table.Th ta="right">{t('import.history.rows')}</Table.Th>
              <Table.Th ta="right">{t('import.history.rejected')}</Table.Th>
              <Table.Th>
                <VisuallyHidden>{t('import.history.open')}</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {jobs.data.map((job) => (
              <Table.Tr key={job.id} data-testid={`import-history-${job.id}`} data-status={job.status}>
                <Table.Td className={classes.num}>{formatDateTime(job.createdAt, language)}</Table.Td>
                <Table.Td className={classes.breakAll}>{job.fileName}</Table.Td>
                <Table.Td>{labels.kindLabel(job.kind)}</Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {job.mode === 'valid' ? t('import.job.modes.valid') : t('import.job.modes.all')}
                  </Text>
                  {job.dryRun ? (
                    <Text size="xs" c="dimmed">
                      {t('import.job.dryRun')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <ImportStatusBadge job={job} />
                  {isRunning(job) ? (
                    <Text size="xs" c="dimmed">
                      {formatPercent(progressPercent(job) / 100, language)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {formatNumber(job.rowsRead, language)}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {formatNumber(job.rowsRejected, language)}
                </Table.Td>
                <Table.Td ta="right">
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    onClick={() => onOpen(job.id)}
                    aria-label={t('import.history.openNamed', { id: job.id })}
                  >
                    {t('import.history.open')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    );
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="sm" gap="xs">
        <div className={classes.grow}>
          <Title order={2} size="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed">
            {t('import.history.description')}
          </Text>
        </div>
      </Group>
      {body}
    </Paper>
  );
}
