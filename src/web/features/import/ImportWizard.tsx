/**
 * The import wizard: 1. the file and what it holds (uploaded at once, with progress), 2. its columns,
 * 3. a check without writing and the import itself, followed as it runs. The import goes on on the
 * server if the person leaves; the history lists it.
 */
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Progress,
  Radio,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingT } from '../../../contract/imports.js';
import { ErrorAlert } from '../../components/QueryStates.js';
import { isApiError } from '../../lib/api.js';
import { formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import {
  templateHref,
  uploadImportFile,
  useImportJob,
  useInspect,
  useStartImport,
  type InspectionT,
  type UploadT,
} from './api.js';
import { ColumnsStep } from './ColumnsStep.js';
import classes from './import.module.css';
import { JobView } from './JobView.js';
import { useImportLabels } from './labels.js';
import {
  cleanMapping,
  importKinds,
  isImportKind,
  isRunning,
  mappedCount,
  missingFields,
  sameHeaders,
  type ImportKind,
  type Mapping,
} from './model.js';

const ACCEPT =
  '.csv,.txt,.tsv,.xlsx,.xml,text/csv,text/plain,text/xml,application/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Mode = 'all' | 'valid';

export function ImportWizard() {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [upload, setUpload] = useState<UploadT | null>(null);
  const [sent, setSent] = useState<{ sent: number; total: number } | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const uploadAbort = useRef<AbortController | null>(null);
  const inspect = useInspect();
  const [inspection, setInspection] = useState<InspectionT | null>(null);
  /** The reading options of the shown inspection, sent again with the import. */
  const [reading, setReading] = useState<ReadingT>({});
  const [mapping, setMapping] = useState<Mapping>([]);
  const [mode, setMode] = useState<Mode>('all');
  const [jobId, setJobId] = useState<number | null>(null);
  const start = useStartImport();
  const job = useImportJob(jobId);

  useEffect(() => () => uploadAbort.current?.abort(), []);

  const uploading = sent !== null;
  const running = start.isPending || isRunning(job.data);
  /** A real import that went in removes the upload: another needs the file again. */
  const consumed = job.data?.status === 'done' && !job.data.dryRun;

  const runInspect = (uploadId: string, wanted: ImportKind | null, nextReading: ReadingT, after?: () => void) => {
    const previous = inspection;
    const previousMapping = mapping;
    inspect.mutate(
      {
        uploadId,
        ...(wanted ? { kind: wanted } : {}),
        ...(Object.keys(nextReading).length > 0 ? { reading: nextReading } : {}),
      },
      {
        onSuccess: (result) => {
          // Read again with the same columns: the person's choices stay.
          const keep =
            previous !== null && previous.kind === result.kind && sameHeaders(previous.headers, result.headers);
          setMapping(keep ? previousMapping : cleanMapping(result.kind, result.mapping, result.headers.length));
          setInspection(result);
          setKind(result.kind);
          setReading(nextReading);
          after?.();
        },
      },
    );
  };

  const reset = () => {
    uploadAbort.current?.abort();
    uploadAbort.current = null;
    setSent(null);
    setFile(null);
    setUpload(null);
    setUploadError(null);
    setInspection(null);
    setReading({});
    setMapping([]);
    setMode('all');
    setJobId(null);
    inspect.reset();
    start.reset();
    setStep(0);
  };

  const onFile = (chosen: File) => {
    uploadAbort.current?.abort();
    const controller = new AbortController();
    uploadAbort.current = controller;
    setFile(chosen);
    setUpload(null);
    setUploadError(null);
    setInspection(null);
    setReading({});
    setMapping([]);
    setJobId(null);
    inspect.reset();
    start.reset();
    setSent({ sent: 0, total: chosen.size });
    uploadImportFile(chosen, (done, total) => setSent({ sent: done, total }), controller.signal)
      .then((result) => {
        if (controller.signal.aborted) return;
        setUpload(result);
        runInspect(result.uploadId, kind, {}, () => setStep(1));
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setUploadError(error);
      })
      .finally(() => {
        if (uploadAbort.current === controller) {
          uploadAbort.current = null;
          setSent(null);
        }
      });
  };

  const cancelUpload = () => {
    uploadAbort.current?.abort();
    uploadAbort.current = null;
    setSent(null);
    setFile(null);
  };

  const toColumns = () => {
    if (!upload) return;
    if (!inspection || (kind !== null && kind !== inspection.kind))
      runInspect(upload.uploadId, kind, reading, () => setStep(1));
    else setStep(1);
  };

  const run = (dryRun: boolean) => {
    if (!upload || !inspection || !file || !kind) return;
    const withHeader: ReadingT =
      inspection.format === 'commerceml' ? reading : { ...reading, headerRow: inspection.headerRow };
    start.mutate(
      {
        uploadId: upload.uploadId,
        fileName: file.name.slice(0, 300) || 'file',
        kind,
        mapping,
        ...(Object.keys(withHeader).length > 0 ? { reading: withHeader } : {}),
        dryRun,
        mode,
      },
      { onSuccess: (started) => setJobId(started.id) },
    );
  };

  const missing = inspection && kind ? missingFields(kind, mapping) : [];

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('import.wizard')}
      data-testid="import-wizard"
    >
      <Stepper
        active={step}
        onStepClick={(s) => {
          if (s < step && !uploading) setStep(s);
        }}
        allowNextStepsSelect={false}
        size="sm"
      >
        <Stepper.Step
          label={t('import.steps.file')}
          description={t('import.steps.fileDescription')}
          loading={step === 0 && (uploading || inspect.isPending)}
        >
          <Stack gap="md" mt="md">
            <KindChoice kind={kind} onChange={setKind} />
            <DropZone onFile={onFile} disabled={uploading} />
            {file ? <FileLine file={file} /> : null}
            {sent ? <UploadProgress sent={sent.sent} total={sent.total} onCancel={cancelUpload} /> : null}
            {inspect.isPending ? (
              <Text size="sm" c="dimmed" role="status">
                {t('import.file.reading')}
              </Text>
            ) : null}
            {uploadError ? <ErrorAlert error={uploadError} /> : null}
            {inspect.isError ? <ErrorAlert error={inspect.error} /> : null}
            <Group justify="flex-end">
              <Button
                onClick={toColumns}
                disabled={!upload || uploading}
                loading={inspect.isPending}
                data-testid="import-next-columns"
              >
                {t('import.next')}
              </Button>
            </Group>
          </Stack>
        </Stepper.Step>

        <Stepper.Step
          label={t('import.steps.columns')}
          description={t('import.steps.columnsDescription')}
          loading={step === 1 && inspect.isPending}
        >
          {inspection && kind ? (
            <Stack gap="md" mt="md">
              <ColumnsStep
                kind={kind}
                inspection={inspection}
                mapping={mapping}
                onMapping={setMapping}
                onReread={(next) => upload && runInspect(upload.uploadId, kind, next)}
                onKind={(next) => {
                  setKind(next);
                  if (upload) runInspect(upload.uploadId, next, reading);
                }}
                rereading={inspect.isPending}
                rereadError={inspect.isError ? inspect.error : null}
              />
              <Group justify="space-between">
                <Button variant="default" onClick={() => setStep(0)}>
                  {t('import.back')}
                </Button>
                <Button
                  onClick={() => setStep(2)}
                  disabled={missing.length > 0 || inspect.isPending}
                  data-testid="import-next-run"
                >
                  {t('import.next')}
                </Button>
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>

        <Stepper.Step label={t('import.steps.run')} description={t('import.steps.runDescription')} loading={running}>
          {inspection && kind && file ? (
            <Stack gap="md" mt="md">
              <RunSummary fileName={file.name} kind={kind} mapped={mappedCount(mapping)} />
              <Radio.Group
                value={mode}
                onChange={(v) => setMode(v === 'valid' ? 'valid' : 'all')}
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
                    onClick={() => run(true)}
                    disabled={running || consumed}
                    loading={start.isPending && start.variables?.dryRun === true}
                    data-testid="import-dry-run"
                  >
                    {t('import.run.dryRun')}
                  </Button>
                  <Button
                    onClick={() => run(false)}
                    disabled={running || consumed}
                    loading={start.isPending && start.variables?.dryRun === false}
                    data-testid="import-start"
                  >
                    {t('import.run.start')}
                  </Button>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('import.run.dryRunHint')}
                </Text>
              </Stack>
              {start.isError ? <StartError error={start.error} onRestart={reset} /> : null}
              {jobId !== null ? (
                <Paper withBorder radius="md" p="md" aria-live="polite">
                  <JobView id={jobId} />
                </Paper>
              ) : null}
              {consumed ? (
                <Alert color="teal" variant="light">
                  <Stack gap="xs" align="flex-start">
                    <Text size="sm">{t('import.run.consumed')}</Text>
                    <Button size="xs" variant="light" onClick={reset} data-testid="import-new">
                      {t('import.startOver')}
                    </Button>
                  </Stack>
                </Alert>
              ) : null}
              <Group justify="space-between">
                <Button variant="default" onClick={() => setStep(1)} disabled={consumed}>
                  {t('import.back')}
                </Button>
                {consumed ? null : (
                  <Button variant="subtle" onClick={reset}>
                    {t('import.startOver')}
                  </Button>
                )}
              </Group>
            </Stack>
          ) : null}
        </Stepper.Step>
      </Stepper>
    </Paper>
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

function KindChoice({ kind, onChange }: { kind: ImportKind | null; onChange: (kind: ImportKind | null) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useImportLabels();
  return (
    <Stack gap="xs">
      <Radio.Group
        value={kind}
        onChange={(v) => onChange(isImportKind(v) ? v : null)}
        label={t('import.file.kindLabel')}
        description={t('import.file.kindHint')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm" mt="xs">
          {importKinds.map((k) => (
            <Radio.Card key={k} value={k} radius="md" className={classes.kindCard} data-testid={`import-kind-${k}`}>
              <Group wrap="nowrap" align="flex-start" gap="sm">
                <Radio.Indicator mt={2} />
                <div>
                  <Text fw={600} size="sm">
                    {t(`import.kinds.${k}.label`)}
                  </Text>
                  <Text size="sm">{t(`import.kinds.${k}.description`)}</Text>
                  <Text size="xs" c="dimmed" mt={2}>
                    {t(`import.kinds.${k}.matching`)}
                  </Text>
                </div>
              </Group>
            </Radio.Card>
          ))}
        </SimpleGrid>
      </Radio.Group>
      {kind ? (
        <Group gap="xs" wrap="wrap" data-testid="import-templates">
          <Text size="sm">{t('import.file.templates', { kind: labels.kindLabel(kind) })}</Text>
          <Anchor href={templateHref(kind, 'csv', language)} download size="sm">
            {t('import.file.templateCsv')}
          </Anchor>
          <Anchor href={templateHref(kind, 'xlsx', language)} download size="sm">
            {t('import.file.templateXlsx')}
          </Anchor>
        </Group>
      ) : null}
    </Stack>
  );
}

/** The file input's label as a drop zone: click or keyboard opens the picker, a dropped file is taken too. */
function DropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [active, setActive] = useState(false);
  const onDrag = (e: DragEvent) => {
    e.preventDefault();
    if (!disabled) setActive(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setActive(false);
    const dropped = e.dataTransfer.files[0];
    if (dropped && !disabled) onFile(dropped);
  };
  return (
    <label
      htmlFor={id}
      className={classes.drop}
      data-active={active || undefined}
      data-disabled={disabled || undefined}
      onDragEnter={onDrag}
      onDragOver={onDrag}
      onDragLeave={() => setActive(false)}
      onDrop={onDrop}
      data-testid="import-drop"
    >
      <Text fw={600}>{t('import.file.dropTitle')}</Text>
      <Text size="sm" c="dimmed">
        {t('import.file.dropHint')}
      </Text>
      <VisuallyHidden>
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          disabled={disabled}
          aria-label={t('import.file.inputLabel')}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            e.currentTarget.value = ''; // the same file chosen again is a new upload
            if (chosen) onFile(chosen);
          }}
          data-testid="import-file-input"
        />
      </VisuallyHidden>
    </label>
  );
}

function FileLine({ file }: { file: File }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  return (
    <Text size="sm" data-testid="import-file-name">
      {t('import.file.chosen', { name: file.name, size: labels.fileSize(file.size) })}
    </Text>
  );
}

function UploadProgress({ sent, total, onCancel }: { sent: number; total: number; onCancel: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const share = total > 0 ? Math.min(1, sent / total) : 0;
  return (
    <Stack gap={4}>
      <Group justify="space-between" gap="xs">
        <Text size="sm" aria-live="polite">
          {t('import.file.uploading', { percent: formatPercent(share, language) })}
        </Text>
        <Button size="compact-xs" variant="subtle" color="gray" onClick={onCancel}>
          {t('import.file.cancel')}
        </Button>
      </Group>
      <Progress value={share * 100} size="md" aria-label={t('import.file.uploadProgress')} />
    </Stack>
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
