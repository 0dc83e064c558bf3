import type { ContactT } from '../../../contract/clients.js';
import { Group, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSave } from '../../lib/forms.js';
import { FormActions } from '../../components/FormActions.js';
import { ContactSelect } from '../../components/ContactSelect.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue } from '../../lib/enums.js';
import { fromDateTimeLocalValue, toApiMoney, toDateTimeLocalValue } from '../../lib/format.js';
import { useEnumOptions } from '../../lib/labels.js';
import { useAddInteraction } from './queries.js';
import { DateField } from '../../components/DateField.js';

const shownFields = ['kind', 'contactId', 'occurredAt', 'durationMinutes', 'moneySpent', 'outcome', 'notes'] as const;
type Shown = (typeof shownFields)[number];
const MAX_MINUTES = 10080;

export function AddInteractionForm({
  clientId,
  contacts,
  onDone,
  onCancel,
}: {
  clientId: number;
  contacts: ContactT[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const kindOptions = useEnumOptions('interactionKind');
  const add = useAddInteraction(clientId);
  const [kind, setKind] = useState<string | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [occurredAt, setOccurredAt] = useState(() => toDateTimeLocalValue(new Date()));
  const [duration, setDuration] = useState<number | string>(30);
  const [money, setMoney] = useState('0');
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const form = useFormSave<Shown>(add);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Shown, string>> = {};
    const at = fromDateTimeLocalValue(occurredAt);
    const minutes = typeof duration === 'number' ? duration : duration.trim() === '' ? 0 : Number(duration);
    const amount = money.trim() === '' ? '0.00' : toApiMoney(money);
    if (!isEnumValue('interactionKind', kind)) problems.kind = t('addInteraction.kindRequired');
    if (!at) problems.occurredAt = t('addInteraction.dateRequired');
    if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_MINUTES)
      problems.durationMinutes = t('addInteraction.durationInvalid');
    if (amount === null || amount.startsWith('-')) problems.moneySpent = t('addInteraction.moneyInvalid');
    if (!form.check(problems) || !isEnumValue('interactionKind', kind) || !at || amount === null) return;
    add.mutate(
      {
        clientId,
        contactId: contactId ? Number(contactId) : null,
        kind,
        occurredAt: at,
        durationMinutes: minutes,
        moneySpent: amount,
        outcome: outcome.trim() || null,
        notes: notes.trim() || null,
      },
      { onSuccess: form.saved(t('addInteraction.added'), onDone) },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={shownFields} />
        <Group grow align="flex-start" wrap="wrap">
          <Select
            label={t('addInteraction.kind')}
            placeholder={t('addInteraction.kindPlaceholder')}
            required
            data-autofocus
            data={kindOptions}
            value={kind}
            onChange={(value) => {
              setKind(value);
              form.touch('kind');
            }}
            error={form.errorOf('kind')}
            comboboxProps={{ withinPortal: true }}
          />
          <DateField
            label={t('addInteraction.occurredAt')}
            withTime
            required
            value={occurredAt}
            onChange={(value) => {
              setOccurredAt(value);
              form.touch('occurredAt');
            }}
            error={form.errorOf('occurredAt')}
          />
        </Group>
        {contacts.length > 0 ? (
          <ContactSelect
            contacts={contacts}
            label={t('addInteraction.contact')}
            placeholder={t('addInteraction.contactPlaceholder')}
            value={contactId}
            onChange={setContactId}
            error={form.errorOf('contactId')}
          />
        ) : null}
        <Group grow align="flex-start" wrap="wrap">
          <NumberInput
            label={t('addInteraction.duration')}
            min={0}
            max={MAX_MINUTES}
            allowDecimal={false}
            allowNegative={false}
            value={duration}
            onChange={(value) => {
              setDuration(value);
              form.touch('durationMinutes');
            }}
            error={form.errorOf('durationMinutes')}
          />
          <TextInput
            label={t('addInteraction.moneySpent')}
            inputMode="decimal"
            value={money}
            onChange={(e) => {
              setMoney(e.currentTarget.value);
              form.touch('moneySpent');
            }}
            error={form.errorOf('moneySpent')}
          />
        </Group>
        <TextInput
          label={t('addInteraction.outcome')}
          maxLength={300}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          error={form.errorOf('outcome')}
        />
        <Textarea
          label={t('addInteraction.notes')}
          autosize
          minRows={3}
          maxRows={8}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={form.errorOf('notes')}
        />
        <FormActions pending={add.isPending} onCancel={onCancel} submitLabel={t('addInteraction.submit')} />
      </Stack>
    </form>
  );
}
