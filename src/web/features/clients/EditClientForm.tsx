/**
 * Edits one block of the client card in place (profile, credit terms, logistics, special knowledge).
 * Each field is described by its kind; the form sends only what changed.
 */
import type { ClientCardT } from '../../../contract/card.js';
import type { ClientT, ClientUpdateT } from '../../../contract/clients.js';
import {
  Checkbox,
  Group,
  NumberInput,
  Select,
  Stack,
  TagsInput,
  TextInput,
  Textarea,
  type SelectProps,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue, type EnumGroup } from '../../lib/enums.js';
import { toApiMoney } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumOptions } from '../../lib/labels.js';
import { useUsers } from '../../lib/users.js';
import { longTextOrNull, sameValue, textOrNull, useFormSave } from '../../lib/forms.js';
import { useUpdateClient } from './queries.js';
import { can } from '../../../core/access/permissions.js';
import { useMe } from '../../lib/session.js';

type Field = Exclude<keyof ClientUpdateT, 'externalId'>;
type Kind = 'text' | 'longText' | 'money' | 'days' | 'boolean' | 'tags' | 'owner' | EnumGroup;

const kinds: Record<Field, Kind> = {
  name: 'text',
  status: 'clientStatus',
  industry: 'text',
  region: 'text',
  regionNotes: 'longText',
  significance: 'significance',
  significanceNotes: 'longText',
  financialCondition: 'financialCondition',
  financialNotes: 'longText',
  ownerUserId: 'owner',
  categoryOverride: 'categoryOverride',
  categoryOverrideReason: 'longText',
  creditLimit: 'money',
  paymentDeferralDays: 'days',
  deliveryMethod: 'deliveryMethod',
  transportType: 'text',
  typicalTransportCost: 'money',
  customsNeeded: 'boolean',
  specialPackaging: 'text',
  deliveryAddress: 'text',
  management: 'longText',
  powerStructureNotes: 'longText',
  orgStructure: 'longText',
  futurePlans: 'longText',
  notes: 'longText',
  tags: 'tags',
};
const required: ReadonlySet<Field> = new Set(['name', 'status']);
const MAX_DAYS = 3650;

export const blocks = ['profile', 'terms', 'logistics', 'knowledge'] as const;
export type Block = (typeof blocks)[number];

/** The fields of each block, row by row (two fields in a row sit side by side). */
const layout: Record<Block, Field[][]> = {
  profile: [
    ['name'],
    ['status', 'ownerUserId'],
    ['industry', 'region'],
    ['regionNotes'],
    ['significance'],
    ['significanceNotes'],
    ['financialCondition'],
    ['financialNotes'],
    ['categoryOverride'],
    ['categoryOverrideReason'],
  ],
  terms: [['creditLimit', 'paymentDeferralDays']],
  logistics: [
    ['deliveryMethod', 'transportType'],
    ['typicalTransportCost', 'specialPackaging'],
    ['deliveryAddress'],
    ['customsNeeded'],
  ],
  knowledge: [['management'], ['powerStructureNotes'], ['orgStructure'], ['futurePlans'], ['notes'], ['tags']],
};

type FormValue = string | number | boolean | string[] | null;
type Parsed = { value: unknown } | { error: string };

function toForm(field: Field, client: ClientT, language: string): FormValue {
  const value = client[field];
  switch (kinds[field]) {
    case 'money':
      return typeof value === 'string' ? (language === 'ru' ? value.replace('.', ',') : value) : '';
    case 'days':
      return typeof value === 'number' ? value : '';
    case 'boolean':
      return value === true;
    case 'tags':
      return Array.isArray(value) ? [...value] : [];
    case 'owner':
      return typeof value === 'number' ? String(value) : null;
    case 'text':
    case 'longText':
      return typeof value === 'string' ? value : '';
    default:
      return typeof value === 'string' ? value : null;
  }
}

export function EditClientForm({ card, block, onDone }: { card: ClientCardT; block: Block; onDone: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = card.client;
  const update = useUpdateClient(client.id);
  const fields = layout[block].flat();
  const [values, setValues] = useState(
    () => Object.fromEntries(fields.map((f) => [f, toForm(f, client, language)])) as Record<Field, FormValue>,
  );
  const form = useFormSave<Field>(update);

  const parse = (field: Field, value: FormValue): Parsed => {
    const kind = kinds[field];
    if (kind === 'text' || kind === 'longText') {
      const text = kind === 'text' ? textOrNull(String(value)) : longTextOrNull(String(value));
      return text === null && required.has(field) ? { error: t('editClient.required') } : { value: text };
    }
    if (kind === 'money') {
      if (String(value).trim() === '') return { value: null };
      const amount = toApiMoney(String(value));
      return amount === null || amount.startsWith('-') ? { error: t('editClient.moneyInvalid') } : { value: amount };
    }
    if (kind === 'days') {
      if (value === '' || value === null) return { value: null };
      const days = Number(value);
      return Number.isInteger(days) && days >= 0 && days <= MAX_DAYS
        ? { value: days }
        : { error: t('editClient.daysInvalid', { max: MAX_DAYS }) };
    }
    if (kind === 'boolean') return { value: value === true };
    if (kind === 'tags') return { value: [...new Set((value as string[]).map((tag) => tag.trim()).filter(Boolean))] };
    if (kind === 'owner') return { value: value ? Number(value) : null };
    if (value !== null && !isEnumValue(kind, value)) return { error: t('editClient.required') };
    return value === null && required.has(field) ? { error: t('editClient.required') } : { value };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    const patch: Record<string, unknown> = {};
    for (const field of fields) {
      const parsed = parse(field, values[field]);
      if ('error' in parsed) problems[field] = parsed.error;
      else if (!sameValue(parsed.value, client[field])) patch[field] = parsed.value;
    }
    // A category set by hand needs its reason (the server checks the same rule).
    if (fields.includes('categoryOverride')) {
      const category = 'categoryOverride' in patch ? patch.categoryOverride : client.categoryOverride;
      const reason = 'categoryOverrideReason' in patch ? patch.categoryOverrideReason : client.categoryOverrideReason;
      if (category && !reason) problems.categoryOverrideReason ??= t('editClient.categoryReasonRequired');
    }
    if (!form.check(problems)) return;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(patch as ClientUpdateT, { onSuccess: form.saved(t('editClient.saved'), onDone) });
  };

  const set = (field: Field, value: FormValue) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    form.touch(field);
  };

  const firstField = fields[0];
  return (
    <form onSubmit={submit} noValidate aria-label={t('editClient.formLabel', { block: t(`card.blocks.${block}`) })}>
      <Stack gap="sm" maw={760}>
        <FormProblem error={form.problem} shownFields={fields} />
        {layout[block].map((row) => (
          <Group key={row.join()} grow align="flex-start" wrap="wrap">
            {row.map((field) => (
              <FieldInput
                key={field}
                field={field}
                value={values[field]}
                onChange={(value) => set(field, value)}
                error={form.errorOf(field)}
                autoFocus={field === firstField}
                required={
                  required.has(field) || (field === 'categoryOverrideReason' && Boolean(values.categoryOverride))
                }
                card={card}
              />
            ))}
          </Group>
        ))}
        <FormActions pending={form.pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

type InputProps = {
  field: Field;
  value: FormValue;
  onChange: (value: FormValue) => void;
  error: string | undefined;
  autoFocus: boolean;
  required: boolean;
  card: ClientCardT;
};

function FieldInput({ field, value, onChange, error, autoFocus, required: isRequired, card }: InputProps): ReactNode {
  const { t } = useTranslation();
  const kind = kinds[field];
  const common = { label: t(`editClient.fields.${field}`), error, autoFocus, required: isRequired };
  const selectProps = {
    ...common,
    clearable: !isRequired,
    allowDeselect: !isRequired,
    clearButtonProps: { 'aria-label': t('common.clear') },
    placeholder: isRequired ? undefined : t('editClient.notSet'),
    comboboxProps: { withinPortal: true },
    value: typeof value === 'string' ? value : null,
    onChange: (next: string | null) => onChange(next),
  };
  switch (kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          maxLength={300}
          value={String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'longText':
      return (
        <Textarea
          {...common}
          autosize
          minRows={2}
          maxRows={10}
          maxLength={20000}
          value={String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'money':
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          value={String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'days':
      return (
        <NumberInput
          {...common}
          min={0}
          max={MAX_DAYS}
          allowDecimal={false}
          allowNegative={false}
          value={value as number | string}
          onChange={onChange}
        />
      );
    case 'boolean':
      return (
        <Checkbox
          label={common.label}
          error={error}
          autoFocus={autoFocus}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          mt="xs"
        />
      );
    case 'tags':
      return (
        <TagsInput
          {...common}
          description={t('editClient.tagsHint')}
          value={value as string[]}
          onChange={onChange}
          splitChars={[',', ';']}
          acceptValueOnBlur
          maxTags={50}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
        />
      );
    case 'owner':
      return <OwnerSelect {...selectProps} card={card} />;
    default:
      if (field === 'status') {
        // "Lost" is set by the loss form above the tabs (with the reason); moving a lost client back closes its loss.
        const lost = card.client.status === 'lost';
        return (
          <EnumSelect
            {...selectProps}
            group={kind}
            disabledValues={lost ? [] : ['lost']}
            description={t(lost ? 'losses.status.reactivateHint' : 'losses.status.lostHint')}
          />
        );
      }
      return <EnumSelect {...selectProps} group={kind} />;
  }
}

function EnumSelect({
  group,
  disabledValues = [],
  ...props
}: Omit<SelectProps, 'data'> & { group: EnumGroup; disabledValues?: readonly string[] }) {
  const options = useEnumOptions(group);
  return (
    <Select {...props} data={options.map((o) => (disabledValues.includes(o.value) ? { ...o, disabled: true } : o))} />
  );
}

/** The managers of the organisation; the current owner stays listed even if the list cannot be read. */
function OwnerSelect({ card, ...props }: Omit<SelectProps, 'data'> & { card: ClientCardT }) {
  const { t } = useTranslation();
  const users = useUsers();
  // A manager keeps their clients: only the head of sales and the owner hand a client over (the server refuses too).
  const locked = !can(useMe().data?.role ?? '', 'reassignClients');
  const options = (users.data ?? [])
    .filter((u) => u.disabledAt === null || u.id === card.client.ownerUserId)
    .map((u) => ({ value: String(u.id), label: u.name }));
  const owner = card.client.ownerUserId;
  if (owner !== null && !options.some((o) => o.value === String(owner)))
    options.push({ value: String(owner), label: card.ownerName ?? `#${owner}` });
  return (
    <Select
      {...props}
      data={options}
      searchable
      nothingFoundMessage={t('editClient.nothingFound')}
      disabled={users.isPending || locked}
      description={locked ? t('access.ownerLocked') : users.isError ? t('editClient.usersUnavailable') : undefined}
    />
  );
}
