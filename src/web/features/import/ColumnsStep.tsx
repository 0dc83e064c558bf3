/** Step "Columns": how the file was read (and reading it again), which field each column fills, saved mappings, a preview. */
import {
  Alert,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadingT } from '../../../contract/imports.js';
import { ErrorAlert } from '../../components/QueryStates.js';
import { formatNumber, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { notify } from '../../lib/notify.js';
import { useDeleteMapping, useSavedMappings, useSaveMapping, type InspectionT } from './api.js';
import classes from './import.module.css';
import { useImportLabels } from './labels.js';
import {
  applySavedMapping,
  assignField,
  delimiterKey,
  delimiters,
  encodingKey,
  encodings,
  fieldsOf,
  importKinds,
  isImportKind,
  mappedCount,
  missingFields,
  readingFromInspection,
  sheetsOf,
  type ImportKind,
  type Mapping,
} from './model.js';
import { WideTable } from '../../components/WideTable.js';

/** The Select value of "not imported" (a field key is letters only, so it cannot clash). */
const NONE = '-';
const SAMPLES_SHOWN = 3;
const PREVIEW_ROWS = 5;

export function ColumnsStep({
  kind,
  inspection,
  mapping,
  onMapping,
  onReread,
  onKind,
  rereading,
  rereadError,
}: {
  kind: ImportKind;
  inspection: InspectionT;
  mapping: Mapping;
  onMapping: (next: Mapping) => void;
  onReread: (reading: ReadingT) => void;
  onKind: (kind: ImportKind) => void;
  rereading: boolean;
  rereadError: unknown;
}) {
  const headers = inspection.headers;
  return (
    <Stack gap="md">
      <ReadingPanel
        key={`${inspection.headerRow}|${JSON.stringify(inspection.details)}`}
        kind={kind}
        inspection={inspection}
        onReread={onReread}
        onKind={onKind}
        busy={rereading}
        error={rereadError}
      />
      <ColumnTable kind={kind} inspection={inspection} mapping={mapping} onMapping={onMapping} />
      <MissingNote kind={kind} mapping={mapping} />
      <SavedMappings kind={kind} headers={headers} mapping={mapping} onMapping={onMapping} />
      <Preview kind={kind} inspection={inspection} mapping={mapping} />
    </Stack>
  );
}

function ReadingPanel({
  kind,
  inspection,
  onReread,
  onKind,
  busy,
  error,
}: {
  kind: ImportKind;
  inspection: InspectionT;
  onReread: (reading: ReadingT) => void;
  onKind: (kind: ImportKind) => void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const { format, details } = inspection;
  const [draft, setDraft] = useState<ReadingT>(() => readingFromInspection(format, details, inspection.headerRow));
  const sheets = sheetsOf(details);
  const formatLabel =
    format === 'csv' || format === 'xlsx' || format === 'commerceml' ? t(`import.formats.${format}`) : format;
  const canRead = format !== 'commerceml';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onReread(draft);
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="import-reading-title">
      <form onSubmit={submit} aria-labelledby="import-reading-title" data-testid="import-reading">
        <Title order={3} size="h5" id="import-reading-title">
          {t('import.reading.title')}
        </Title>
        {canRead ? (
          <Text size="sm" c="dimmed" mb="sm">
            {t('import.reading.hint')}
          </Text>
        ) : null}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm" verticalSpacing="xs">
          <Select
            label={t('import.reading.kind')}
            data={importKinds.map((k) => ({ value: k, label: labels.kindLabel(k) }))}
            value={kind}
            onChange={(v) => {
              if (isImportKind(v) && v !== kind) onKind(v);
            }}
            allowDeselect={false}
            disabled={busy}
            comboboxProps={{ withinPortal: true }}
            data-testid="import-reading-kind"
          />
          <TextInput
            label={t('import.reading.format')}
            value={formatLabel}
            readOnly
            data-testid="import-reading-format"
          />
          {format === 'csv' ? (
            <>
              <Select
                label={t('import.reading.encoding')}
                data={encodings.map((e) => ({ value: e, label: t(`import.encodings.${encodingKey[e]}`) }))}
                value={draft.encoding ?? null}
                onChange={(v) => setDraft((d) => ({ ...d, encoding: encodings.find((e) => e === v) }))}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                data-testid="import-reading-encoding"
              />
              <Select
                label={t('import.reading.delimiter')}
                data={delimiters.map((d) => ({ value: d, label: t(`import.delimiters.${delimiterKey[d]}`) }))}
                value={draft.delimiter ?? null}
                onChange={(v) => setDraft((d) => ({ ...d, delimiter: delimiters.find((x) => x === v) }))}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
                data-testid="import-reading-delimiter"
              />
            </>
          ) : null}
          {format === 'xlsx' && sheets.length > 1 ? (
            <Select
              label={t('import.reading.sheet')}
              data={sheets}
              value={draft.sheet ?? null}
              onChange={(v) => setDraft((d) => ({ ...d, sheet: v ?? undefined }))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          ) : format === 'xlsx' && details.sheet ? (
            <TextInput label={t('import.reading.sheet')} value={details.sheet} readOnly />
          ) : null}
          {canRead ? (
            <NumberInput
              label={t('import.reading.headerRow')}
              value={draft.headerRow ?? ''}
              onChange={(v) =>
                setDraft((d) => ({
                  ...d,
                  headerRow: typeof v === 'number' && Number.isInteger(v) && v >= 1 ? v : undefined,
                }))
              }
              min={1}
              max={1000}
              allowDecimal={false}
              allowNegative={false}
              data-testid="import-reading-headerRow"
            />
          ) : null}
        </SimpleGrid>
        {canRead ? (
          <Group mt="sm">
            <Button type="submit" variant="light" size="sm" loading={busy} data-testid="import-reread">
              {t('import.reading.reread')}
            </Button>
          </Group>
        ) : null}
        {error ? (
          <Stack mt="sm">
            <ErrorAlert error={error} />
          </Stack>
        ) : null}
      </form>
    </Paper>
  );
}

function useFieldOptions(kind: ImportKind) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  return useMemo(() => {
    const fields = fieldsOf(kind);
    const option = (key: string, required: boolean | undefined) => {
      const label = labels.fieldLabel(kind, key);
      return { value: key, label: required ? t('import.columns.requiredMark', { label }) : label };
    };
    return [
      { value: NONE, label: t('import.columns.notImported') },
      {
        group: t('import.columns.requiredGroup'),
        items: fields.filter((f) => f.required).map((f) => option(f.key, true)),
      },
      {
        group: t('import.columns.otherGroup'),
        items: fields.filter((f) => !f.required).map((f) => option(f.key, false)),
      },
    ];
  }, [kind, labels, t]);
}

function ColumnTable({
  kind,
  inspection,
  mapping,
  onMapping,
}: {
  kind: ImportKind;
  inspection: InspectionT;
  mapping: Mapping;
  onMapping: (next: Mapping) => void;
}) {
  const { t } = useTranslation();
  const options = useFieldOptions(kind);
  const samples = inspection.sample.slice(0, SAMPLES_SHOWN);
  const caption = t('import.columns.title');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={caption}>
      <Group justify="space-between" align="flex-start" gap="xs" mb="sm" wrap="wrap">
        <div className={classes.grow}>
          <Title order={3} size="h5">
            {caption}
          </Title>
          <Text size="sm" c="dimmed">
            {t('import.columns.description')}
          </Text>
        </div>
        <Text size="sm" c="dimmed" data-testid="import-mapped-count">
          {t('import.columns.mapped', { mapped: mappedCount(mapping), total: inspection.headers.length })}
        </Text>
      </Group>
      <WideTable minWidth={640} label={caption}>
        <Table verticalSpacing="xs" aria-label={caption} data-testid="import-columns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('import.columns.header')}</Table.Th>
              <Table.Th>{t('import.columns.samples')}</Table.Th>
              <Table.Th>{t('import.columns.field')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {inspection.headers.map((header, i) => {
              const name = header || t('import.columns.noHeader', { n: i + 1 });
              const field = mapping[i] ?? null;
              return (
                <Table.Tr key={i} data-testid={`import-column-${i}`} data-field={field ?? ''}>
                  <Table.Td className={field === null ? `${classes.header} ${classes.unmapped}` : classes.header}>
                    {name}
                  </Table.Td>
                  <Table.Td>
                    <div className={classes.samples}>
                      {samples.length === 0
                        ? NO_VALUE
                        : samples.map((row) => {
                            const cell = row.cells[i] ?? '';
                            return (
                              <span key={row.rowNo} className={classes.sample} title={cell}>
                                {cell === '' ? NO_VALUE : cell}
                              </span>
                            );
                          })}
                    </div>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('import.columns.fieldFor', { column: name })}
                      data={options}
                      value={field ?? NONE}
                      onChange={(v) =>
                        onMapping(assignField(mapping, i, typeof v === 'string' && v !== NONE ? v : null))
                      }
                      allowDeselect={false}
                      searchable
                      size="sm"
                      w={300}
                      maxDropdownHeight={320}
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </WideTable>
    </Paper>
  );
}

function MissingNote({ kind, mapping }: { kind: ImportKind; mapping: Mapping }) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const missing = missingFields(kind, mapping);
  if (missing.length === 0) {
    return (
      <Alert color="teal" variant="light" data-testid="import-missing" data-missing="">
        {t('import.columns.allRequired')}
      </Alert>
    );
  }
  return (
    <Alert
      color="orange"
      variant="light"
      title={t('import.columns.missingTitle')}
      data-testid="import-missing"
      data-missing={missing.join(',')}
    >
      {t('import.columns.missingText', { fields: missing.map((key) => labels.missingLabel(kind, key)).join(', ') })}
    </Alert>
  );
}

function SavedMappings({
  kind,
  headers,
  mapping,
  onMapping,
}: {
  kind: ImportKind;
  headers: string[];
  mapping: Mapping;
  onMapping: (next: Mapping) => void;
}) {
  const { t } = useTranslation();
  const list = useSavedMappings(true);
  const save = useSaveMapping();
  const remove = useDeleteMapping();
  const [chosen, setChosen] = useState<string | null>(null);
  const [name, setName] = useState('');
  const mine = (list.data ?? []).filter((m) => m.kind === kind);
  const selected = mine.find((m) => String(m.id) === chosen) ?? null;

  const apply = () => {
    if (!selected) return;
    onMapping(applySavedMapping(selected, kind, headers));
    notify(t('import.saved.applied', { name: selected.name }));
  };
  const onSave = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    save.mutate(
      { name: trimmed.slice(0, 100), kind, headers: headers.map((h) => h.slice(0, 300)), mapping },
      {
        onSuccess: (saved) => {
          setName('');
          setChosen(String(saved.id));
          notify(t('import.saved.savedNote', { name: saved.name }));
        },
      },
    );
  };
  const onDelete = () => {
    if (!selected) return;
    remove.mutate(selected.id, {
      onSuccess: () => {
        setChosen(null);
        notify(t('import.saved.deleted'));
      },
    });
  };

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-label={t('import.saved.title')}
      data-testid="import-saved-mappings"
    >
      <Title order={3} size="h5">
        {t('import.saved.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('import.saved.description')}
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
          {list.data && mine.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('import.saved.none')}
            </Text>
          ) : (
            <Group align="flex-end" gap="xs" wrap="wrap">
              <Select
                label={t('import.saved.choose')}
                placeholder={t('import.saved.placeholder')}
                data={mine.map((m) => ({ value: String(m.id), label: m.name }))}
                value={chosen}
                onChange={setChosen}
                allowDeselect={false}
                disabled={list.isPending}
                comboboxProps={{ withinPortal: true }}
                className={classes.grow}
              />
              <Button variant="light" onClick={apply} disabled={!selected}>
                {t('import.saved.apply')}
              </Button>
              <Button variant="subtle" color="red" onClick={onDelete} disabled={!selected} loading={remove.isPending}>
                {t('import.saved.delete')}
              </Button>
            </Group>
          )}
          {remove.isError ? <ErrorAlert error={remove.error} /> : null}
        </Stack>
        <form onSubmit={onSave}>
          <Stack gap="xs">
            <Group align="flex-end" gap="xs" wrap="wrap">
              <TextInput
                label={t('import.saved.name')}
                placeholder={t('import.saved.namePlaceholder')}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                maxLength={100}
                className={classes.grow}
              />
              <Button
                type="submit"
                variant="light"
                disabled={!name.trim() || mappedCount(mapping) === 0}
                loading={save.isPending}
              >
                {t('import.saved.save')}
              </Button>
            </Group>
            {save.isError ? <ErrorAlert error={save.error} /> : null}
          </Stack>
        </form>
      </SimpleGrid>
    </Paper>
  );
}

function Preview({ kind, inspection, mapping }: { kind: ImportKind; inspection: InspectionT; mapping: Mapping }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const labels = useImportLabels();
  const columns = mapping.flatMap((field, i) => (field === null ? [] : [{ field, index: i }]));
  const rows = inspection.sample.slice(0, PREVIEW_ROWS);
  const caption = t('import.preview.title');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={caption}>
      <Title order={3} size="h5">
        {caption}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('import.preview.description')}
      </Text>
      {columns.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('import.preview.empty')}
        </Text>
      ) : (
        <WideTable minWidth={Math.min(1200, 120 + columns.length * 140)} label={caption}>
          <Table striped withTableBorder verticalSpacing={6} aria-label={caption} data-testid="import-preview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th ta="right">{t('import.preview.row')}</Table.Th>
                {columns.map((c) => (
                  <Table.Th key={c.field}>{labels.fieldLabel(kind, c.field)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.rowNo}>
                  <Table.Td ta="right" className={classes.num}>
                    {formatNumber(row.rowNo, language)}
                  </Table.Td>
                  {columns.map((c) => {
                    const cell = row.cells[c.index] ?? '';
                    return (
                      <Table.Td key={c.field} className={classes.previewCell} title={cell}>
                        {cell === '' ? NO_VALUE : cell}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </Paper>
  );
}
