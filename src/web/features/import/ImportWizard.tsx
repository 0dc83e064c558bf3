/**
 * The import wizard: 1. the file and what it holds (uploaded at once, with progress), 2. its columns,
 * 3. a check without writing and the import itself, followed as it runs. The import goes on on the
 * server if the person leaves; the history lists it.
 */
import { Button, Group, Paper, Stack, Stepper } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingT } from '../../../contract/imports.js';
import { useImportJob, useInspect, useStartImport, type InspectionT } from './api.js';
import { ColumnsStep } from './ColumnsStep.js';
import { FileStep } from './FileStep.js';
import {
  cleanMapping,
  isRunning,
  mappedCount,
  missingFields,
  sameHeaders,
  type ImportKind,
  type Mapping,
} from './model.js';
import { RunStep, type Mode } from './RunStep.js';
import { useUpload } from './useUpload.js';

export function ImportWizard() {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [kind, setKind] = useState<ImportKind | null>(null);
  const sending = useUpload();
  const { file, upload, uploading } = sending;
  const inspect = useInspect();
  const [inspection, setInspection] = useState<InspectionT | null>(null);
  /** The reading options of the shown inspection, sent again with the import. */
  const [reading, setReading] = useState<ReadingT>({});
  const [mapping, setMapping] = useState<Mapping>([]);
  const [mode, setMode] = useState<Mode>('all');
  const [jobId, setJobId] = useState<number | null>(null);
  const start = useStartImport();
  const job = useImportJob(jobId);

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
    sending.clear();
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
    setInspection(null);
    setReading({});
    setMapping([]);
    setJobId(null);
    inspect.reset();
    start.reset();
    sending.send(chosen, (result) => runInspect(result.uploadId, kind, {}, () => setStep(1)));
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
          <FileStep
            kind={kind}
            onKind={setKind}
            file={file}
            onFile={onFile}
            sent={sending.sent}
            onCancelUpload={sending.cancel}
            reading={inspect.isPending}
            uploadError={sending.error}
            readError={inspect.isError ? inspect.error : null}
            canGoOn={upload !== null && !uploading}
            onNext={toColumns}
          />
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
            <RunStep
              fileName={file.name}
              kind={kind}
              mapped={mappedCount(mapping)}
              mode={mode}
              onMode={setMode}
              running={running}
              consumed={consumed}
              starting={start.isPending ? (start.variables?.dryRun ? 'dryRun' : 'import') : null}
              startError={start.isError ? start.error : null}
              jobId={jobId}
              onRun={run}
              onReset={reset}
              onBack={() => setStep(1)}
            />
          ) : null}
        </Stepper.Step>
      </Stepper>
    </Paper>
  );
}
