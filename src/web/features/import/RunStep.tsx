/** The wizard's last step: how to import (all or nothing, or the valid rows), a check without writing, the import, and its progress. */
import { Alert, Button, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/QueryStates.js';
import { isApiError } from '../../lib/api.js';
import classes from './import.module.css';
import { JobView } from './JobView.js';
import { useImportLabels } from './labels.js';
import type { ImportKind } from './model.js';

export type Mode = 'all' | 'valid';

export function RunStep({
  fileName,
  kind,
  mapped,
  mode,
  onMode,
  running,
  consumed,
  starting,
  startError,
  jobId,
  onRun,
  onReset,
  onBack,
}: {
  fileName: string;
  kind: ImportKind;
  /** How many columns are mapped to a field. */
  mapped: number;
  mode: Mode;
  onMode: (mode: Mode) => void;
  /** An import (or its check) is starting or running. */
  running: boolean;
  /** A real import went in: the upload is gone. */
  consumed: boolean;
  /** Which button's start is under way. */
  starting: 'dryRun' | 'import' | null;
  startError: unknown;
  jobId: number | null;
  onRun: (dryRun: boolean) => void;
  onReset: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" mt="md">
      <RunSummary fileName={fileName} kind={kind} mapped={mapped} />
      <Radio.Group
        value={mode}
        onChange={(v) => onMode(v === 'valid' ? 'valid' : 'all')}
        label={t('import.run.modeLabel')}
      >
        <Stack gap="sm" mt="xs">
          <Radio
            value="all"
            label={t('import.run.modeAll')}
            description={t('import.run.modeAllDescription')}
            disabled={running || consumed}
            data-testid="import-mode-all"
          />
          <Radio
            value="valid"
            label={t('import.run.modeValid')}
            description={t('import.run.modeValidDescription')}
            disabled={running || consumed}
            data-testid="import-mode-valid"
          />
        </Stack>
      </Radio.Group>
      <Stack gap={4}>
        <Group gap="sm">
          <Button
            variant="default"
            onClick={() => onRun(true)}
            disabled={running || consumed}
            loading={starting === 'dryRun'}
            data-testid="import-dry-run"
          >
            {t('import.run.dryRun')}
          </Button>
          <Button
            onClick={() => onRun(false)}
            disabled={running || consumed}
            loading={starting === 'import'}
            data-testid="import-start"
          >
            {t('import.run.start')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('import.run.dryRunHint')}
        </Text>
      </Stack>
      {startError ? <StartError error={startError} onRestart={onReset} /> : null}
      {jobId !== null ? (
        <Paper withBorder radius="md" p="md" aria-live="polite">
          <JobView id={jobId} />
        </Paper>
      ) : null}
      {consumed ? (
        <Alert color="teal" variant="light">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">{t('import.run.consumed')}</Text>
            <Button size="xs" variant="light" onClick={onReset} data-testid="import-new">
              {t('import.startOver')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <Group justify="space-between">
        <Button variant="default" onClick={onBack} disabled={consumed}>
          {t('import.back')}
        </Button>
        {consumed ? null : (
          <Button variant="subtle" onClick={onReset}>
            {t('import.startOver')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

/** A refusal to start; an upload that is gone (kept a day, or imported already) needs the file again. */
function StartError({ error, onRestart }: { error: unknown; onRestart: () => void }) {
  const { t } = useTranslation();
  return (
    <ErrorAlert error={error}>
      {isApiError(error) && error.status === 404 ? (
        <Button size="xs" variant="white" onClick={onRestart}>
          {t('import.startOver')}
        </Button>
      ) : null}
    </ErrorAlert>
  );
}

function RunSummary({ fileName, kind, mapped }: { fileName: string; kind: ImportKind; mapped: number }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  return (
    <Text size="sm" c="dimmed" className={classes.breakAll}>
      {t('import.run.summary', { file: fileName, kind: labels.kindLabel(kind), mapped })}
    </Text>
  );
}
