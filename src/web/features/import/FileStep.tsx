/** The wizard's first step: what the file holds, the file itself (dropped or chosen), and its upload. */
import { Anchor, Button, Group, Progress, Radio, SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/QueryStates.js';
import { formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { templateHref } from './api.js';
import classes from './import.module.css';
import { useImportLabels } from './labels.js';
import { importKinds, isImportKind, type ImportKind } from './model.js';

const ACCEPT =
  '.csv,.txt,.tsv,.xlsx,.xml,text/csv,text/plain,text/xml,application/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function FileStep({
  kind,
  onKind,
  file,
  onFile,
  sent,
  onCancelUpload,
  reading,
  uploadError,
  readError,
  canGoOn,
  onNext,
}: {
  kind: ImportKind | null;
  onKind: (kind: ImportKind | null) => void;
  file: File | null;
  onFile: (file: File) => void;
  /** Bytes sent of the upload under way, or null. */
  sent: { sent: number; total: number } | null;
  onCancelUpload: () => void;
  /** The file is being read (its kind, header and columns found). */
  reading: boolean;
  uploadError: unknown;
  readError: unknown;
  canGoOn: boolean;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" mt="md">
      <KindChoice kind={kind} onChange={onKind} />
      <DropZone onFile={onFile} disabled={sent !== null} />
      {file ? <FileLine file={file} /> : null}
      {sent ? <UploadProgress sent={sent.sent} total={sent.total} onCancel={onCancelUpload} /> : null}
      {reading ? (
        <Text size="sm" c="dimmed" role="status">
          {t('import.file.reading')}
        </Text>
      ) : null}
      {uploadError ? <ErrorAlert error={uploadError} /> : null}
      {readError ? <ErrorAlert error={readError} /> : null}
      <Group justify="flex-end">
        <Button onClick={onNext} disabled={!canGoOn} loading={reading} data-testid="import-next-columns">
          {t('import.next')}
        </Button>
      </Group>
    </Stack>
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
