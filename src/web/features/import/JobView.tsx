/** One import as it runs and as it ended: progress, the result in plain words, the counts and the refused values. */
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Pagination,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDateTime, formatNumber } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { analyticsKeys, clientKeys } from '../../lib/queryKeys.js';
import { importKeys, rejectsHref, useImportJob, useRejects, type ImportJobT } from './api.js';
import classes from './import.module.css';
import { useImportLabels } from './labels.js';
import { isImportKind, isRunning, outcomeEntries, progressPercent, statusKey } from './model.js';
import { WideTable } from '../../components/WideTable.js';

const REJECTS_PAGE_SIZE = 20;

const statusColors = { running: 'blue', done: 'teal', checked: 'indigo', rejected: 'orange', failed: 'red' } as const;

export function ImportStatusBadge({ job }: { job: Pick<ImportJobT, 'status' | 'dryRun'> }) {
  const { t } = useTranslation();
  const key = statusKey(job);
  return (
    <Badge size="sm" variant="light" color={statusColors[key]} data-testid="import-status-badge">
      {t(`import.statuses.${key}`)}
    </Badge>
  );
}

/** An import by id, asked again while it runs. When it ends here, the lists and analytics it changed are fetched again. */
export function JobView({ id }: { id: number }) {
  const job = useImportJob(id);
  const queryClient = useQueryClient();
  const wasRunning = useRef(false);
  const data = job.data;
  const running = isRunning(data);

  useEffect(() => {
    if (!data) return;
    if (running) {
      wasRunning.current = true;
      return;
    }
    if (!wasRunning.current) return;
    wasRunning.current = false;
    void queryClient.invalidateQueries({ queryKey: importKeys.jobs });
    if (data.status === 'done' && !data.dryRun) {
      void queryClient.invalidateQueries({ queryKey: analyticsKeys.all });
      void queryClient.invalidateQueries({ queryKey: clientKeys.all });
    }
  }, [data, running, queryClient]);

  if (job.isPending) return <PageLoader minHeight={120} />;
  if (job.isError && !data) return <ErrorAlert error={job.error} onRetry={() => void job.refetch()} />;
  if (!data) return null;
  return <JobDetails job={data} />;
}

function JobDetails({ job }: { job: ImportJobT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useImportLabels();
  const running = isRunning(job);
  const outcome = outcomeEntries(job.outcome).filter(([key, value]) => !(key === 'analytics' && value === 'none'));
  // While it runs the server counts only the rows read and refused.
  const counts = [
    { key: 'rowsRead', value: job.rowsRead },
    ...(running ? [] : ([{ key: 'rowsValid', value: job.rowsValid }] as const)),
    { key: 'rowsRejected', value: job.rowsRejected },
    ...(running ? [] : ([{ key: 'rowsSkipped', value: job.rowsSkipped }] as const)),
  ] as const;

  return (
    <Stack gap="md" data-testid="import-job" data-status={job.status} data-dry-run={job.dryRun} aria-busy={running}>
      <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
        <div className={classes.grow}>
          <Text fw={600} className={classes.breakAll}>
            {job.fileName}
          </Text>
          <Text size="sm" c="dimmed">
            {t('import.job.meta', {
              kind: labels.kindLabel(job.kind),
              when: formatDateTime(job.startedAt ?? job.createdAt, language),
            })}
          </Text>
        </div>
        <Group gap="xs">
          {job.dryRun ? (
            <Badge size="sm" variant="outline" color="gray">
              {t('import.job.dryRun')}
            </Badge>
          ) : null}
          <Badge size="sm" variant="outline" color="gray">
            {job.mode === 'valid' ? t('import.job.modes.valid') : t('import.job.modes.all')}
          </Badge>
          <ImportStatusBadge job={job} />
        </Group>
      </Group>

      {running ? <JobProgress job={job} /> : <JobVerdict job={job} />}

      {!running && job.warnings.length > 0 ? (
        <Alert color="yellow" variant="light" title={t('import.job.warningsTitle')} data-testid="import-warnings">
          <Stack gap={4}>
            {job.warnings.map((w) => (
              <Text key={w.reason} size="sm" data-testid={`import-warning-${w.reason}`}>
                {w.message[language]}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}

      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" data-testid="import-counts">
        {counts.map((c) => (
          <Paper key={c.key} withBorder radius="md" p="sm" data-testid={`import-count-${c.key}`}>
            <Text size="xs" c="dimmed">
              {t(`import.job.${c.key}`)}
            </Text>
            <Text fw={700} size="lg" c={c.key === 'rowsRejected' && c.value > 0 ? 'red.7' : undefined}>
              {formatNumber(c.value, language)}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>

      {!running && (job.status === 'done' || outcome.length > 0) ? (
        <div>
          <Title order={3} size="h5" mb="xs">
            {job.dryRun ? t('import.job.outcomeDryRunTitle') : t('import.job.outcomeTitle')}
          </Title>
          {outcome.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('import.job.noChanges')}
            </Text>
          ) : (
            <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" data-testid="import-outcome">
              {outcome.map(([key, value]) => (
                <Paper key={key} withBorder radius="md" p="sm" data-testid={`import-outcome-${key}`}>
                  <Text size="xs" c="dimmed">
                    {labels.outcomeLabel(key)}
                  </Text>
                  <Text fw={700} size={typeof value === 'number' ? 'lg' : 'sm'}>
                    {labels.outcomeValue(key, value)}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
          )}
        </div>
      ) : null}

      {running ? null : <Rejects job={job} />}
    </Stack>
  );
}

function JobProgress({ job }: { job: ImportJobT }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const percent = progressPercent(job);
  const phase = job.phase === 'reading' || job.phase === 'writing' || job.phase === 'analytics' ? job.phase : 'waiting';
  return (
    <Stack gap={6} data-testid="import-progress">
      <Group justify="space-between" gap="xs">
        <Text size="sm" fw={600} aria-live="polite">
          {t(`import.job.phases.${phase}`)}
        </Text>
        {job.bytesTotal > 0 ? (
          <Text size="sm" c="dimmed">
            {t('import.job.bytes', { done: labels.fileSize(job.bytesDone), total: labels.fileSize(job.bytesTotal) })}
          </Text>
        ) : null}
      </Group>
      {/* Before the server knows the file's size, the bar only shows that something is going on. */}
      <Progress
        value={job.bytesTotal > 0 ? percent : 100}
        color={job.bytesTotal > 0 ? undefined : 'gray.4'}
        size="lg"
        animated
        striped
        aria-label={t('import.job.progress')}
      />
      <Text size="sm" c="dimmed">
        {t('import.run.running')}
      </Text>
    </Stack>
  );
}

/** The ending in plain words. */
function JobVerdict({ job }: { job: ImportJobT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const rejected = formatNumber(job.rowsRejected, language);
  let color: string;
  let title: string;
  let text: string;
  if (job.status === 'done' && job.dryRun) {
    color = 'indigo';
    title = t('import.job.dryRunTitle');
    text = [t('import.job.dryRunText'), job.rowsRejected > 0 ? t('import.job.dryRunSkipped', { value: rejected }) : '']
      .filter(Boolean)
      .join(' ');
  } else if (job.status === 'done') {
    color = 'teal';
    title = t('import.job.doneTitle');
    text = [t('import.job.doneText'), job.rowsRejected > 0 ? t('import.job.doneSkipped', { value: rejected }) : '']
      .filter(Boolean)
      .join(' ');
  } else if (job.status === 'rejected') {
    color = 'orange';
    title = job.dryRun ? t('import.job.dryRunRejectedTitle') : t('import.job.rejectedTitle');
    text = t('import.job.rejectedText', { value: rejected });
  } else {
    color = 'red';
    title = t('import.job.failedTitle');
    text = job.error ? job.error[language] : t('import.job.failedText');
  }
  return (
    <Alert color={color} variant="light" title={title} data-testid="import-verdict">
      <Text size="sm">{text}</Text>
    </Alert>
  );
}

function Rejects({ job }: { job: ImportJobT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [page, setPage] = useState(1);
  const kind = isImportKind(job.kind) ? job.kind : null;
  const labels = useImportLabels();
  const rejects = useRejects(job.id, page, REJECTS_PAGE_SIZE, job.rowsRejected > 0);
  if (job.rowsRejected === 0) return null;
  if (rejects.isPending)
    return (
      <Group justify="center" py="md">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Group>
    );
  if (rejects.isError && !rejects.data)
    return <ErrorAlert error={rejects.error} onRetry={() => void rejects.refetch()} />;
  const data = rejects.data;
  if (!data || data.total === 0) return null;
  const pages = Math.max(1, Math.ceil(data.total / REJECTS_PAGE_SIZE));
  const caption = t('import.rejects.title');
  return (
    <Stack gap="sm" data-testid="import-rejects">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
        <div className={classes.grow}>
          <Title order={3} size="h5">
            {caption}
          </Title>
          <Text size="sm" c="dimmed">
            {t('import.rejects.description')}
          </Text>
        </div>
        <Group gap="xs" wrap="nowrap">
          <Button
            component="a"
            href={rejectsHref(job.id, 'csv', language)}
            download
            variant="default"
            size="xs"
            data-testid="import-rejects-csv"
          >
            {t('import.rejects.csv')}
          </Button>
          <Button
            component="a"
            href={rejectsHref(job.id, 'xlsx', language)}
            download
            variant="default"
            size="xs"
            data-testid="import-rejects-xlsx"
          >
            {t('import.rejects.xlsx')}
          </Button>
        </Group>
      </Group>
      <WideTable minWidth={640} label={caption}>
        <Table
          striped
          verticalSpacing="xs"
          aria-label={caption}
          aria-busy={rejects.isFetching}
          style={{ opacity: rejects.isPlaceholderData ? 0.6 : 1 }}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th ta="right" w="5rem">
                {t('import.rejects.row')}
              </Table.Th>
              <Table.Th>{t('import.rejects.column')}</Table.Th>
              <Table.Th>{t('import.rejects.value')}</Table.Th>
              <Table.Th>{t('import.rejects.reason')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((r, i) => (
              <Table.Tr key={`${r.rowNo}:${r.field}:${i}`} data-testid="import-reject-row">
                <Table.Td ta="right" className={classes.num}>
                  {formatNumber(r.rowNo, language)}
                </Table.Td>
                <Table.Td>
                  {r.column === '*' ? (
                    <Text span size="sm" c="dimmed">
                      {t('import.rejects.wholeRow')}
                    </Text>
                  ) : (
                    r.column
                  )}
                  {kind && r.field !== '*' && r.field !== r.column ? (
                    <Text size="xs" c="dimmed">
                      {labels.fieldLabel(kind, r.field)}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td className={classes.breakAll}>
                  {r.value === '' ? (
                    <Text span size="sm" c="dimmed" fs="italic">
                      {t('import.rejects.empty')}
                    </Text>
                  ) : (
                    r.value
                  )}
                </Table.Td>
                <Table.Td>{r.message[language]}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('import.rejects.total', { value: formatNumber(data.total, language) })}
        </Text>
        {pages > 1 ? (
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={setPage}
            aria-label={t('import.rejects.pagination')}
            size="sm"
            withEdges
          />
        ) : null}
      </Group>
    </Stack>
  );
}
