import type { ContactT } from '../../../contract/clients.js';
import { Button, Group, NumberInput, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ContactSelect } from '../../components/ContactSelect.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue } from '../../lib/enums.js';
import { fromDateTimeLocalValue, toApiMoney, toDateTimeLocalValue } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { fieldErrors } from '../../lib/problem.js';
import { useAddInteraction } from './queries.js';

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
  const language = useLanguage();
  const kindOptions = useEnumOptions('interactionKind');
  const add = useAddInteraction(clientId);
  const [kind, setKind] = useState<string | null>(null);
  const [contactId, setContactId] = useState<string | null>(null);
  const [occurredAt, setOccurredAt] = useState(() => toDateTimeLocalValue(new Date()));
  const [duration, setDuration] = useState<number | string>(30);
  const [money, setMoney] = useState('0');
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const [local, setLocal] = useState<Partial<Record<Shown, string>>>({});

  const server = add.isError ? fieldErrors(add.error, language) : {};
  const errorOf = (field: Shown) => local[field] ?? server[field];

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
    setLocal(problems);
    if (Object.keys(problems).length > 0 || !isEnumValue('interactionKind', kind) || !at || amount === null) return;
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
      {
        onSuccess: () => {
          notify(t('addInteraction.added'));
          onDone();
        },
      },
    );
  };

  const clear = (field: Shown) => setLocal(({ [field]: _gone, ...rest }) => rest);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {add.isError ? <FormProblem error={add.error} shownFields={shownFields} /> : null}
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
              clear('kind');
            }}
            error={errorOf('kind')}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label={t('addInteraction.occurredAt')}
            type="datetime-local"
            required
            value={occurredAt}
            onChange={(e) => {
              setOccurredAt(e.currentTarget.value);
              clear('occurredAt');
            }}
            error={errorOf('occurredAt')}
          />
        </Group>
        {contacts.length > 0 ? (
          <ContactSelect
            contacts={contacts}
            label={t('addInteraction.contact')}
            placeholder={t('addInteraction.contactPlaceholder')}
            value={contactId}
            onChange={setContactId}
            error={errorOf('contactId')}
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
              clear('durationMinutes');
            }}
            error={errorOf('durationMinutes')}
          />
          <TextInput
            label={t('addInteraction.moneySpent')}
            inputMode="decimal"
            value={money}
            onChange={(e) => {
              setMoney(e.currentTarget.value);
              clear('moneySpent');
            }}
            error={errorOf('moneySpent')}
          />
        </Group>
        <TextInput
          label={t('addInteraction.outcome')}
          maxLength={300}
          value={outcome}
          onChange={(e) => setOutcome(e.currentTarget.value)}
          error={errorOf('outcome')}
        />
        <Textarea
          label={t('addInteraction.notes')}
          autosize
          minRows={3}
          maxRows={8}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={errorOf('notes')}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={add.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('addInteraction.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
