/** Recording a claim, wish or suggestion of a client (the card's claims tab), or correcting one (its drawer). */
import type { ContactT } from '../../../contract/clients.js';
import type { OrderListItemT } from '../../../contract/sales.js';
import { Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { claimWorkingDaysBySeverity, defaultClaimDueOn, type ClaimSeverity } from '../../../core/claims/claims.js';
import { ContactSelect } from '../../components/ContactSelect.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isIsoDate, todayIso } from '../../lib/dates.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatDate } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { useUsers } from '../../lib/users.js';
import { useMe } from '../../lib/session.js';
import { longTextOrNull, useFieldErrors } from '../../lib/forms.js';
import { useCreateClaim, useUpdateClaim, type ClaimDetailT } from './api.js';

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
  const language = useLanguage();
  const typeOptions = useEnumOptions('claimType');
  const categoryOptions = useEnumOptions('claimCategory');
  const severityOptions = useEnumOptions('claimSeverity');
  const users = useUsers();
  const me = useMe();
  const create = useCreateClaim();
  const update = useUpdateClaim(claim?.id ?? 0);
  const save = claim ? update : create;
  const errors = useFieldErrors<Field>(save.error);
  const today = todayIso();

  const idText = (id: number | null | undefined) => (id ? String(id) : null);
  const [type, setType] = useState<string>(claim?.type ?? 'claim');
  const [category, setCategory] = useState<string | null>(claim?.category ?? null);
  const [severity, setSeverity] = useState<ClaimSeverity>(claim?.severity ?? 'medium');
  const [receivedOn, setReceivedOn] = useState(claim?.receivedOn ?? today);
  const [dueOn, setDueOn] = useState(claim?.dueOn ?? '');
  const [subject, setSubject] = useState(claim?.subject ?? '');
  const [description, setDescription] = useState(claim?.description ?? '');
  const [contactId, setContactId] = useState<string | null>(idText(claim?.contactId));
  const [orderId, setOrderId] = useState<string | null>(idText(claim?.orderId));
  // Whoever manages the client answers for its claims, unless someone else is chosen.
  const [responsible, setResponsible] = useState<string | null>(() =>
    claim ? idText(claim.responsibleUserId) : idText(ownerUserId ?? me.data?.userId),
  );

  const defaultDue = dueHint(receivedOn, severity);
  const userOptions = (users.data ?? [])
    .filter((u) => !u.disabledAt)
    .map((u) => ({ value: String(u.id), label: u.name }));

  const change = (field: Field, apply: () => void) => {
    apply();
    errors.touch(field);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (!isEnumValue('claimCategory', category)) problems.category = t('claims.form.categoryRequired');
    if (subject.trim() === '') problems.subject = t('claims.form.subjectRequired');
    if (!isIsoDate(receivedOn) || receivedOn > today) problems.receivedOn = t('claims.form.receivedOnInvalid');
    if (dueOn !== '' && (!isIsoDate(dueOn) || dueOn < receivedOn))
      problems.dueOn = t('claims.form.dueOnBeforeReceived');
    errors.reset(problems);
    if (Object.keys(problems).length > 0 || !isEnumValue('claimCategory', category) || !isEnumValue('claimType', type))
      return;
    const fields = {
      type,
      category,
      severity,
      receivedOn,
      subject: subject.trim(),
      description: longTextOrNull(description),
      contactId: contactId ? Number(contactId) : null,
      responsibleUserId: responsible ? Number(responsible) : null,
      orderId: orderId ? Number(orderId) : null,
    };
    const saved = (next: ClaimDetailT) => {
      notify(t(claim ? 'claims.form.saved' : 'claims.form.added'));
      onDone(next);
    };
    // A deadline left as it was is not sent, so one the server derived from the severity follows a change of severity.
    if (claim) update.mutate({ ...fields, ...(dueOn && dueOn !== claim.dueOn ? { dueOn } : {}) }, { onSuccess: saved });
    else create.mutate({ clientId, ...fields, ...(dueOn ? { dueOn } : {}) }, { onSuccess: saved });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="claim-form">
      <Stack gap="sm">
        {save.isError ? <FormProblem error={save.error} shownFields={shownFields} /> : null}
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('claims.fields.type')}
          </Text>
          <SegmentedControl
            fullWidth
            data={typeOptions}
            value={type}
            onChange={(v) => change('type', () => setType(v))}
            data-testid="claim-form-type"
          />
        </div>
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('claims.fields.category')}
            placeholder={t('claims.form.categoryPlaceholder')}
            required
            data={categoryOptions}
            value={category}
            onChange={(v) => change('category', () => setCategory(v))}
            error={errors.errorOf('category')}
            comboboxProps={{ withinPortal: true }}
            data-testid="claim-form-category"
          />
          <Select
            label={t('claims.fields.severity')}
            required
            allowDeselect={false}
            data={severityOptions}
            value={severity}
            onChange={(v) =>
              change('severity', () => {
                if (isEnumValue('claimSeverity', v)) setSeverity(v);
              })
            }
            error={errors.errorOf('severity')}
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
          value={subject}
          onChange={(e) => {
            const v = e.currentTarget.value;
            change('subject', () => setSubject(v));
          }}
          error={errors.errorOf('subject')}
          data-testid="claim-form-subject"
        />
        <Textarea
          label={t('claims.fields.description')}
          autosize
          minRows={3}
          maxRows={8}
          value={description}
          onChange={(e) => {
            const v = e.currentTarget.value;
            change('description', () => setDescription(v));
          }}
          error={errors.errorOf('description')}
          data-testid="claim-form-description"
        />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('claims.fields.receivedOn')}
            type="date"
            required
            max={today}
            value={receivedOn}
            onChange={(e) => {
              const v = e.currentTarget.value;
              change('receivedOn', () => setReceivedOn(v));
            }}
            error={errors.errorOf('receivedOn')}
            data-testid="claim-form-receivedOn"
          />
          <TextInput
            label={t('claims.fields.dueOn')}
            type="date"
            min={receivedOn || undefined}
            value={dueOn}
            onChange={(e) => {
              const v = e.currentTarget.value;
              change('dueOn', () => setDueOn(v));
            }}
            description={
              defaultDue
                ? t('claims.form.dueOnDefault', {
                    date: formatDate(defaultDue, language),
                    days: claimWorkingDaysBySeverity[severity],
                  })
                : undefined
            }
            error={errors.errorOf('dueOn')}
            data-testid="claim-form-dueOn"
          />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <ContactSelect
            contacts={contacts}
            label={t('claims.fields.contact')}
            placeholder={t('claims.form.contactPlaceholder')}
            value={contactId}
            onChange={(v) => change('contactId', () => setContactId(v))}
            error={errors.errorOf('contactId')}
          />
          <Select
            label={t('claims.fields.responsible')}
            placeholder={t('claims.form.responsiblePlaceholder')}
            data={userOptions}
            value={responsible}
            onChange={(v) => change('responsibleUserId', () => setResponsible(v))}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            searchable
            error={errors.errorOf('responsibleUserId')}
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
            value={orderId}
            onChange={(v) => change('orderId', () => setOrderId(v))}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            searchable
            error={errors.errorOf('orderId')}
            comboboxProps={{ withinPortal: true }}
          />
        ) : null}
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={save.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="claim-form-submit">
            {t(claim ? 'common.save' : 'claims.form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
