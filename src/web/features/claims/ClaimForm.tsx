/** Recording a claim, wish or suggestion of a client (the card's claims tab), or correcting one (its drawer). */
import type { ContactT } from '../../../contract/clients.js';
import type { OrderListItemT } from '../../../contract/sales.js';
import { Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { claimWorkingDaysBySeverity, defaultClaimDueOn, type ClaimSeverity } from '../../../core/claims/claims.js';
import { ContactSelect } from '../../components/ContactSelect.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isIsoDate, todayIso } from '../../lib/dates.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatDate } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { useUsers } from '../../lib/users.js';
import { useMe } from '../../lib/session.js';
import { longTextOrNull, useFormSave } from '../../lib/forms.js';
import { useCreateClaim, useUpdateClaim, type ClaimDetailT } from './api.js';
import { DateField } from '../../components/DateField.js';

const shownFields = [
  'type',
  'category',
  'severity',
  'receivedOn',
  'dueOn',
  'subject',
  'description',
  'contactId',
  'responsibleUserId',
  'orderId',
] as const;
type Field = (typeof shownFields)[number];

/** The production calendar covers these years; outside them the default is left to the server. */
const dueHint = (receivedOn: string, severity: ClaimSeverity): string | null => {
  try {
    return isIsoDate(receivedOn) ? defaultClaimDueOn(receivedOn, severity) : null;
  } catch {
    return null;
  }
};

type Values = {
  type: string;
  category: string | null;
  severity: ClaimSeverity;
  receivedOn: string;
  dueOn: string;
  subject: string;
  description: string;
  contactId: string | null;
  responsibleUserId: string | null;
  orderId: string | null;
};
type FieldProps = {
  values: Values;
  set: <K extends Field>(field: K, value: Values[K]) => void;
  touch: (field: Field) => void;
  errorOf: (field: Field) => string | undefined;
};

const idText = (id: number | null | undefined) => (id ? String(id) : null);

export function ClaimForm({
  clientId,
  ownerUserId,
  contacts,
  orders,
  claim,
  onDone,
  onCancel,
}: {
  clientId: number;
  ownerUserId: number | null;
  contacts: ContactT[];
  orders: OrderListItemT[];
  /** The claim being corrected; a new one is recorded without it. */
  claim?: ClaimDetailT;
  onDone: (claim: ClaimDetailT) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateClaim();
  const update = useUpdateClaim(claim?.id ?? 0);
  const save = claim ? update : create;
  const form = useFormSave<Field>(save);
  const today = todayIso();
  const [values, setValues] = useState<Values>(() => ({
    type: claim?.type ?? 'claim',
    category: claim?.category ?? null,
    severity: claim?.severity ?? 'medium',
    receivedOn: claim?.receivedOn ?? today,
    dueOn: claim?.dueOn ?? '',
    subject: claim?.subject ?? '',
    description: claim?.description ?? '',
    contactId: idText(claim?.contactId),
    // Whoever manages the client answers for its claims, unless someone else is chosen.
    responsibleUserId: claim ? idText(claim.responsibleUserId) : idText(ownerUserId ?? me.data?.userId),
    orderId: idText(claim?.orderId),
  }));
  const set = <K extends Field>(field: K, value: Values[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    form.touch(field);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { type, category, severity, receivedOn, dueOn, subject, description } = values;
    const problems: Partial<Record<Field, string>> = {};
    if (!isEnumValue('claimCategory', category)) problems.category = t('claims.form.categoryRequired');
    if (subject.trim() === '') problems.subject = t('claims.form.subjectRequired');
    if (!isIsoDate(receivedOn) || receivedOn > today) problems.receivedOn = t('claims.form.receivedOnInvalid');
    if (dueOn !== '' && (!isIsoDate(dueOn) || dueOn < receivedOn))
      problems.dueOn = t('claims.form.dueOnBeforeReceived');
    if (!form.check(problems) || !isEnumValue('claimCategory', category) || !isEnumValue('claimType', type)) return;
    const fields = {
      type,
      category,
      severity,
      receivedOn,
      subject: subject.trim(),
      description: longTextOrNull(description),
      contactId: values.contactId ? Number(values.contactId) : null,
      responsibleUserId: values.responsibleUserId ? Number(values.responsibleUserId) : null,
      orderId: values.orderId ? Number(values.orderId) : null,
    };
    const saved = form.saved(t(claim ? 'claims.form.saved' : 'claims.form.added'), onDone);
    // A deadline left as it was is not sent, so one the server derived from the severity follows a change of severity.
    if (claim) update.mutate({ ...fields, ...(dueOn && dueOn !== claim.dueOn ? { dueOn } : {}) }, { onSuccess: saved });
    else create.mutate({ clientId, ...fields, ...(dueOn ? { dueOn } : {}) }, { onSuccess: saved });
  };
  const fieldProps: FieldProps = { values, set, touch: form.touch, errorOf: form.errorOf };

  return (
    <form onSubmit={submit} noValidate data-testid="claim-form">
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={shownFields} />
        <WhatFields {...fieldProps} />
        <WhenAndWhoFields {...fieldProps} contacts={contacts} orders={orders} />
        <FormActions
          pending={form.pending}
          onCancel={onCancel}
          submitLabel={t(claim ? 'common.save' : 'claims.form.submit')}
          submitTestId="claim-form-submit"
        />
      </Stack>
    </form>
  );
}

/** What the client says: the kind, category and severity, the subject and the description. */
function WhatFields({ values, set, touch, errorOf }: FieldProps) {
  const { t } = useTranslation();
  const typeOptions = useEnumOptions('claimType');
  const categoryOptions = useEnumOptions('claimCategory');
  const severityOptions = useEnumOptions('claimSeverity');
  return (
    <>
      <div>
        <Text size="sm" fw={500} mb={4}>
          {t('claims.fields.type')}
        </Text>
        <SegmentedControl
          fullWidth
          data={typeOptions}
          value={values.type}
          onChange={(v) => set('type', v)}
          data-testid="claim-form-type"
        />
      </div>
      <Group grow align="flex-start" wrap="wrap">
        <Select
          label={t('claims.fields.category')}
          placeholder={t('claims.form.categoryPlaceholder')}
          required
          data={categoryOptions}
          value={values.category}
          onChange={(v) => set('category', v)}
          error={errorOf('category')}
          comboboxProps={{ withinPortal: true }}
          data-testid="claim-form-category"
        />
        <Select
          label={t('claims.fields.severity')}
          required
          allowDeselect={false}
          data={severityOptions}
          value={values.severity}
          onChange={(v) => (isEnumValue('claimSeverity', v) ? set('severity', v) : touch('severity'))}
          error={errorOf('severity')}
          comboboxProps={{ withinPortal: true }}
          data-testid="claim-form-severity"
        />
      </Group>
      <TextInput
        label={t('claims.fields.subject')}
        placeholder={t('claims.form.subjectPlaceholder')}
        required
        maxLength={300}
        data-autofocus
        value={values.subject}
        onChange={(e) => set('subject', e.currentTarget.value)}
        error={errorOf('subject')}
        data-testid="claim-form-subject"
      />
      <Textarea
        label={t('claims.fields.description')}
        autosize
        minRows={3}
        maxRows={8}
        value={values.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        error={errorOf('description')}
        data-testid="claim-form-description"
      />
    </>
  );
}

/** When it came and is due (the default deadline from the severity shown), who raised it, who answers for it, the order. */
function WhenAndWhoFields({
  values,
  set,
  errorOf,
  contacts,
  orders,
}: FieldProps & { contacts: ContactT[]; orders: OrderListItemT[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const users = useUsers();
  const today = todayIso();
  const defaultDue = dueHint(values.receivedOn, values.severity);
  const userOptions = (users.data ?? [])
    .filter((u) => !u.disabledAt)
    .map((u) => ({ value: String(u.id), label: u.name }));
  return (
    <>
      <Group grow align="flex-start" wrap="wrap">
        <DateField
          label={t('claims.fields.receivedOn')}
          required
          max={today}
          value={values.receivedOn}
          onChange={(value) => set('receivedOn', value)}
          error={errorOf('receivedOn')}
          data-testid="claim-form-receivedOn"
        />
        <DateField
          label={t('claims.fields.dueOn')}
          clearable
          min={values.receivedOn || undefined}
          value={values.dueOn}
          onChange={(value) => set('dueOn', value)}
          description={
            defaultDue
              ? t('claims.form.dueOnDefault', {
                  date: formatDate(defaultDue, language),
                  days: claimWorkingDaysBySeverity[values.severity],
                })
              : undefined
          }
          error={errorOf('dueOn')}
          data-testid="claim-form-dueOn"
        />
      </Group>
      <Group grow align="flex-start" wrap="wrap">
        <ContactSelect
          contacts={contacts}
          label={t('claims.fields.contact')}
          placeholder={t('claims.form.contactPlaceholder')}
          value={values.contactId}
          onChange={(v) => set('contactId', v)}
          error={errorOf('contactId')}
        />
        <Select
          label={t('claims.fields.responsible')}
          placeholder={t('claims.form.responsiblePlaceholder')}
          data={userOptions}
          value={values.responsibleUserId}
          onChange={(v) => set('responsibleUserId', v)}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          searchable
          error={errorOf('responsibleUserId')}
          comboboxProps={{ withinPortal: true }}
          data-testid="claim-form-responsible"
        />
      </Group>
      {orders.length > 0 ? (
        <Select
          label={t('claims.fields.order')}
          placeholder={t('claims.form.orderPlaceholder')}
          data={orders.map((o) => ({
            value: String(o.id),
            label: t('claims.form.orderOption', { number: o.number, date: formatDate(o.orderDate, language) }),
          }))}
          value={values.orderId}
          onChange={(v) => set('orderId', v)}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          searchable
          error={errorOf('orderId')}
          comboboxProps={{ withinPortal: true }}
        />
      ) : null}
    </>
  );
}
