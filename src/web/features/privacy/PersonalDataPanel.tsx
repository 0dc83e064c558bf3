/**
 * A person's personal data on the client card (152-ФЗ): the consent status and the consents with
 * their withdrawal, recording a new consent, the file of everything held on them (JSON / XLSX), and
 * erasure on their request with a confirmation that says what goes and what stays.
 */
import type { ConsentT, ContactConsentsT } from '../../../contract/privacy.js';
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { consentForms } from '../../../core/privacy/consent.js';
import { FormProblem } from '../../components/FormProblem.js';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDate } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { longTextOrNull, useFormSave } from '../../lib/forms.js';
import { personalDataHref, useContactConsents, useErase, useRecordConsent, useWithdrawConsent } from './api.js';
import { DateField } from '../../components/DateField.js';
import { WideTable } from '../../components/WideTable.js';

const today = () => new Date().toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
type ConsentStatusT = ContactConsentsT['status'];
const statusColor: Record<ConsentStatusT, string> = {
  none: 'gray',
  given: 'green',
  withdrawn: 'red',
  expired: 'orange',
};

/** The status as a badge: "Согласие есть" / "Нет согласия" / "Отозвано" / "Истекло". */
export function ConsentBadge({ status, erased }: { status: ConsentStatusT; erased?: boolean }) {
  const { t } = useTranslation();
  if (erased)
    return (
      <Badge variant="light" color="gray" tt="none" data-testid="consent-badge">
        {t('privacy.erased.badge')}
      </Badge>
    );
  return (
    <Badge variant="light" color={statusColor[status]} tt="none" data-testid="consent-badge">
      {t(`privacy.status.${status}`)}
    </Badge>
  );
}

export type PersonalDataRights = { record: boolean; export: boolean; erase: boolean };

export function PersonalDataPanel({
  clientId,
  contactId,
  name,
  rights,
}: {
  clientId: number;
  contactId: number;
  name: string;
  rights: PersonalDataRights;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const consents = useContactConsents(contactId);
  const [recording, setRecording] = useState(false);
  const [erasing, setErasing] = useState(false);
  if (consents.isPending) return <PageLoader minHeight={120} />;
  if (consents.isError) return <ErrorAlert error={consents.error} onRetry={() => void consents.refetch()} />;
  const c = consents.data;
  const erased = c.erasedAt !== null;
  return (
    <Stack gap="md" data-testid={`personal-data-${contactId}`}>
      <StatusLine state={c} />
      {erased ? null : (
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap">
            <Title order={3} size="h6">
              {t('privacy.consents.title')}
            </Title>
            {rights.record ? (
              <Button variant="default" size="compact-sm" onClick={() => setRecording(true)} data-testid="consent-add">
                {t('privacy.consents.add')}
              </Button>
            ) : null}
          </Group>
          {c.items.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('privacy.consents.empty')}
            </Text>
          ) : (
            <ConsentTable clientId={clientId} contactId={contactId} items={c.items} writable={rights.record} />
          )}
        </Stack>
      )}
      {rights.export ? (
        <Stack gap={4}>
          <Title order={3} size="h6">
            {t('privacy.export.title')}
          </Title>
          <Text size="xs" c="dimmed">
            {t('privacy.export.description')}
          </Text>
          <Group gap="xs">
            <Button
              component="a"
              href={personalDataHref(contactId, 'xlsx', language)}
              download
              variant="default"
              size="xs"
              data-testid="personal-data-xlsx"
            >
              {t('privacy.export.xlsx')}
            </Button>
            <Button
              component="a"
              href={personalDataHref(contactId, 'json', language)}
              download
              variant="default"
              size="xs"
              data-testid="personal-data-json"
            >
              {t('privacy.export.json')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {rights.erase && !erased ? (
        <Group justify="flex-end">
          <Button variant="outline" color="red" size="xs" onClick={() => setErasing(true)} data-testid="erase-open">
            {t('privacy.erase.open')}
          </Button>
        </Group>
      ) : null}
      <Modal
        opened={recording}
        onClose={() => setRecording(false)}
        title={t('privacy.consents.formTitle', { name })}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {recording ? (
          <ConsentForm clientId={clientId} contactId={contactId} onDone={() => setRecording(false)} />
        ) : null}
      </Modal>
      <Modal
        opened={erasing}
        onClose={() => setErasing(false)}
        title={t('privacy.erase.title', { name })}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {erasing ? (
          <EraseForm clientId={clientId} contactId={contactId} name={name} onDone={() => setErasing(false)} />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** What the status means today, and what the operator must do: the 30 days to destroy the data after consent ends. */
function StatusLine({ state }: { state: ContactConsentsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const d = (v: string | null) => formatDate(v, language);
  if (state.erasedAt) {
    return (
      <Alert
        variant="light"
        color="gray"
        title={t('privacy.erased.title', { date: formatDate(state.erasedAt.slice(0, 10), language) })}
      >
        {t('privacy.erased.description')}
      </Alert>
    );
  }
  const detail =
    state.status === 'given'
      ? state.validUntil
        ? t('privacy.statusDetail.givenUntil', { date: d(state.validUntil) })
        : t('privacy.statusDetail.given')
      : state.status === 'withdrawn'
        ? t('privacy.statusDetail.withdrawn', { date: d(state.withdrawnOn), destroyBy: d(state.destroyBy) })
        : state.status === 'expired'
          ? t('privacy.statusDetail.expired', { date: d(state.validUntil), destroyBy: d(state.destroyBy) })
          : t('privacy.statusDetail.none');
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ConsentBadge status={state.status} />
      <Text size="sm" data-testid="consent-status-detail">
        {detail}
      </Text>
    </Group>
  );
}

function ConsentTable({
  clientId,
  contactId,
  items,
  writable,
}: {
  clientId: number;
  contactId: number;
  items: ConsentT[];
  writable: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [withdrawing, setWithdrawing] = useState<ConsentT | null>(null);
  return (
    <>
      <WideTable minWidth={640} label={t('privacy.consents.title')}>
        <Table verticalSpacing={4} aria-label={t('privacy.consents.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('privacy.consents.purpose')}</Table.Th>
              <Table.Th>{t('privacy.consents.form')}</Table.Th>
              <Table.Th>{t('privacy.consents.givenOn')}</Table.Th>
              <Table.Th>{t('privacy.consents.validUntil')}</Table.Th>
              <Table.Th>{t('privacy.consents.state')}</Table.Th>
              {writable ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((k) => (
              <Table.Tr key={k.id} data-testid={`consent-${k.id}`}>
                <Table.Td>
                  <Text size="sm">{k.purpose}</Text>
                  {k.notes ? (
                    <Text size="xs" c="dimmed">
                      {k.notes}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{t(`privacy.form.${k.form}`)}</Table.Td>
                <Table.Td>{formatDate(k.givenOn, language)}</Table.Td>
                <Table.Td>
                  {k.validUntil ? formatDate(k.validUntil, language) : t('privacy.consents.untilWithdrawn')}
                </Table.Td>
                <Table.Td>
                  <ConsentBadge status={k.status} />
                  {k.withdrawnOn ? (
                    <Text size="xs" c="dimmed">
                      {formatDate(k.withdrawnOn, language)}
                    </Text>
                  ) : null}
                </Table.Td>
                {writable ? (
                  <Table.Td>
                    {k.withdrawnOn ? null : (
                      <Button
                        variant="subtle"
                        color="red"
                        size="compact-xs"
                        onClick={() => setWithdrawing(k)}
                        data-testid={`consent-withdraw-${k.id}`}
                      >
                        {t('privacy.consents.withdraw')}
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      <Modal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={t('privacy.consents.withdrawTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {withdrawing ? (
          <WithdrawForm
            clientId={clientId}
            contactId={contactId}
            consent={withdrawing}
            onDone={() => setWithdrawing(null)}
          />
        ) : null}
      </Modal>
    </>
  );
}

function WithdrawForm({
  clientId,
  contactId,
  consent,
  onDone,
}: {
  clientId: number;
  contactId: number;
  consent: ConsentT;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const withdraw = useWithdrawConsent(clientId, contactId);
  const [day, setDay] = useState(today());
  const form = useFormSave<'withdrawnOn'>(withdraw);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!DATE.test(day) || day < consent.givenOn) {
      form.reset({ withdrawnOn: t('privacy.consents.withdrawnOnInvalid') });
      return;
    }
    form.reset({});
    withdraw.mutate(
      { id: consent.id, withdrawnOn: day },
      { onSuccess: form.saved(t('privacy.consents.withdrawn'), onDone) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">{t('privacy.consents.withdrawDescription')}</Text>
        <FormProblem error={form.problem} shownFields={['withdrawnOn']} />
        <DateField
          label={t('privacy.consents.withdrawnOn')}
          min={consent.givenOn}
          max={today()}
          value={day}
          maw={220}
          onChange={(value) => {
            setDay(value);
            form.touch('withdrawnOn');
          }}
          error={form.errorOf('withdrawnOn')}
          data-testid="consent-withdrawn-on"
        />
        <FormActions
          pending={form.pending}
          onCancel={onDone}
          submitLabel={t('privacy.consents.withdraw')}
          submitColor="red"
          submitTestId="consent-withdraw-confirm"
          mt={0}
        />
      </Stack>
    </form>
  );
}

type ConsentField = 'purpose' | 'form' | 'givenOn' | 'validUntil' | 'notes';

function ConsentForm({ clientId, contactId, onDone }: { clientId: number; contactId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordConsent(clientId, contactId);
  const [purpose, setPurpose] = useState('');
  const [form, setForm] = useState<string | null>('written');
  const [givenOn, setGivenOn] = useState(today());
  const [validUntil, setValidUntil] = useState('');
  const [notes, setNotes] = useState('');
  const saving = useFormSave<ConsentField>(record);
  const purposes = (['relations', 'congratulations', 'marketing'] as const).map((k) => t(`privacy.purposes.${k}`));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<ConsentField, string>> = {};
    if (purpose.trim().length < 3) problems.purpose = t('privacy.consents.purposeRequired');
    if (!DATE.test(givenOn) || givenOn > today()) problems.givenOn = t('privacy.consents.givenOnInvalid');
    if (validUntil !== '' && (!DATE.test(validUntil) || validUntil <= givenOn))
      problems.validUntil = t('privacy.consents.validUntilInvalid');
    if (!saving.check(problems)) return;
    record.mutate(
      {
        purpose: purpose.trim(),
        form: (form ?? 'written') as ConsentT['form'],
        givenOn,
        validUntil: validUntil || null,
        notes: longTextOrNull(notes),
      },
      { onSuccess: saving.saved(t('privacy.consents.saved'), onDone) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('privacy.consents.formDescription')}
        </Text>
        <FormProblem error={saving.problem} shownFields={['purpose', 'form', 'givenOn', 'validUntil', 'notes']} />
        <Autocomplete
          label={t('privacy.consents.purpose')}
          required
          data={purposes}
          maxLength={1000}
          value={purpose}
          comboboxProps={{ withinPortal: true }}
          onChange={(v) => {
            setPurpose(v);
            saving.touch('purpose');
          }}
          error={saving.errorOf('purpose')}
          data-autofocus
          data-testid="consent-purpose"
        />
        <Select
          label={t('privacy.consents.form')}
          description={t('privacy.consents.formHint')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          data={consentForms.map((f) => ({ value: f, label: t(`privacy.form.${f}`) }))}
          value={form}
          onChange={(v) => {
            setForm(v);
            saving.touch('form');
          }}
          error={saving.errorOf('form')}
          data-testid="consent-form"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField
            label={t('privacy.consents.givenOn')}
            required
            max={today()}
            value={givenOn}
            onChange={(value) => {
              setGivenOn(value);
              saving.touch('givenOn');
            }}
            error={saving.errorOf('givenOn')}
            data-testid="consent-given-on"
          />
          <DateField
            label={t('privacy.consents.validUntil')}
            description={t('privacy.consents.validUntilHint')}
            clearable
            min={givenOn || undefined}
            value={validUntil}
            onChange={(value) => {
              setValidUntil(value);
              saving.touch('validUntil');
            }}
            error={saving.errorOf('validUntil')}
            data-testid="consent-valid-until"
          />
        </SimpleGrid>
        <Textarea
          label={t('privacy.consents.notes')}
          description={t('privacy.consents.notesHint')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={20000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={saving.errorOf('notes')}
        />
        <FormActions pending={saving.pending} onCancel={onDone} submitTestId="consent-save" />
      </Stack>
    </form>
  );
}

/** The confirmation of an erasure: what goes, what stays, and the request it answers (the reason, required). */
function EraseForm({
  clientId,
  contactId,
  name,
  onDone,
}: {
  clientId: number;
  contactId: number;
  name: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const erase = useErase(clientId, contactId);
  const [reason, setReason] = useState('');
  const form = useFormSave<'reason'>(erase);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim().length < 3) {
      form.reset({ reason: t('privacy.erase.reasonRequired') });
      return;
    }
    form.reset({});
    erase.mutate(reason.trim(), { onSuccess: form.saved(t('privacy.erase.done'), onDone) });
  };
  const list = (key: 'removed' | 'kept', lines: readonly string[]) => (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {t(`privacy.erase.${key}Title`)}
      </Text>
      <Text size="sm" component="ul" m={0} pl="md">
        {lines.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </Text>
    </Stack>
  );
  const removed = (['r1', 'r2', 'r3', 'r4', 'r5', 'r6'] as const).map((k) => t(`privacy.erase.removed.${k}`));
  const kept = (['k1', 'k2', 'k3', 'k4'] as const).map((k) => t(`privacy.erase.kept.${k}`));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Alert color="red" variant="light" title={t('privacy.erase.warning', { name })}>
          {t('privacy.erase.irreversible')}
        </Alert>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {list('removed', removed)}
          {list('kept', kept)}
        </SimpleGrid>
        <FormProblem error={form.problem} shownFields={['reason']} />
        <Textarea
          label={t('privacy.erase.reason')}
          description={t('privacy.erase.reasonHint')}
          required
          autosize
          minRows={2}
          maxRows={5}
          maxLength={2000}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            form.touch('reason');
          }}
          error={form.errorOf('reason')}
          data-autofocus
          data-testid="erase-reason"
        />
        <FormActions
          pending={form.pending}
          onCancel={onDone}
          submitLabel={t('privacy.erase.confirm')}
          submitColor="red"
          submitTestId="erase-confirm"
          mt={0}
        />
      </Stack>
    </form>
  );
}
