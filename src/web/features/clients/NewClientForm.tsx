/**
 * The one form that creates a client: its name, status and manager, a legal entity with its
 * requisites, and a first contact — sent in one request (POST /clients/with-details), saved all
 * together or not at all. The legal entity and the contact are optional, but once started they must
 * be complete. ИНН, КПП and ОГРН are checked by their check digits as they are typed (core, the same
 * rules as the server); clients that may be the same company (the same ИНН, ИНН + КПП, the same or a
 * very similar name) are shown before saving, each with a link to its card.
 */
import type { ClientWithDetailsCreateT } from '../../../contract/clients.js';
import {
  Autocomplete,
  CheckIcon,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { can } from '../../../core/access/permissions.js';
import { sameCompanyMatches } from '../../../core/clients/duplicates.js';
import { checkInn, checkKpp, checkOgrnAny, innKind, type RequisiteCheck } from '../../../core/clients/requisites.js';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isApiError } from '../../lib/api.js';
import { longTextOrNull, textOrNull, useFormSave } from '../../lib/forms.js';
import { useEnumLabel } from '../../lib/labels.js';
import { messageText } from '../../lib/messages.js';
import { useMe } from '../../lib/session.js';
import { useUsers } from '../../lib/users.js';
import { PossibleDuplicates } from './PossibleDuplicates.js';
import { useCreateClient, usePossibleDuplicates } from './queries.js';

const legalFields = [
  'legalEntity.legalForm',
  'legalEntity.fullName',
  'legalEntity.inn',
  'legalEntity.kpp',
  'legalEntity.ogrn',
  'legalEntity.legalAddress',
] as const;
const contactFields = ['contact.fullName', 'contact.position', 'contact.phones', 'contact.emails'] as const;
type TextField = 'name' | (typeof legalFields)[number] | (typeof contactFields)[number];
type Field = TextField | 'status' | 'ownerUserId' | 'allowDuplicateRequisites';
const shownFields: readonly Field[] = [
  'name',
  'status',
  'ownerUserId',
  ...legalFields,
  ...contactFields,
  'allowDuplicateRequisites',
];
type Values = Record<TextField, string> & { status: string; ownerUserId: string | null; allowDuplicate: boolean };

/** A server's field key → the form's field: "legalEntity.inn" stays, "contact.emails.0" is "contact.emails". */
const fieldOf = (key: string): string => {
  const [first = key, second] = key.split('.');
  return (first === 'legalEntity' || first === 'contact') && second ? `${first}.${second}` : first;
};

const statuses = ['prospect', 'active'] as const;
const legalForms = ['ООО', 'АО', 'ПАО', 'ЗАО', 'ИП', 'НКО', 'ГУП', 'МУП'];
const PHONE = /^[0-9+()\-\s.]{3,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The requisites with check digits, and the length at which a value is complete enough to judge as it is typed. */
const requisites = {
  'legalEntity.inn': { check: checkInn, fullAt: 12 },
  'legalEntity.kpp': { check: checkKpp, fullAt: 9 },
  'legalEntity.ogrn': { check: checkOgrnAny, fullAt: 15 },
} as const satisfies Partial<Record<TextField, { check: (v: string) => RequisiteCheck; fullAt: number }>>;
type Requisite = keyof typeof requisites;
const isRequisite = (field: TextField): field is Requisite => field in requisites;
const compact = (value: string) => value.replace(/[\s\u00A0-]/g, '');
const valid = (field: Requisite, value: string): string | null => {
  const r = value.trim() === '' ? null : requisites[field].check(value);
  return r?.ok ? r.value : null;
};

const started = (values: Values, fields: readonly TextField[]) => fields.some((f) => values[f].trim() !== '');

/** A 409 about requisites another client has (it raced the duplicate check, or was not asked). */
const requisitesTaken = (error: unknown): boolean =>
  isApiError(error) &&
  error.status === 409 &&
  Boolean(error.problem?.errors?.some((f) => f.reason === 'duplicateRequisites'));

export function NewClientForm({ onDone }: { onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const mayReassign = can(me?.role ?? '', 'reassignClients');
  const create = useCreateClient();
  const form = useFormSave<Field>(create, fieldOf);
  const [values, setValues] = useState<Values>(() => ({
    ...(Object.fromEntries(['name', ...legalFields, ...contactFields].map((f) => [f, ''])) as Record<
      TextField,
      string
    >),
    status: 'prospect',
    ownerUserId: me ? String(me.userId) : null,
    allowDuplicate: false,
  }));

  // Asked while typing, a moment after the person stops; the ИНН and КПП only once they are valid.
  const [name] = useDebouncedValue(values.name, 350);
  const inn = valid('legalEntity.inn', values['legalEntity.inn']);
  const kpp = inn ? valid('legalEntity.kpp', values['legalEntity.kpp']) : null;
  const asked = name.trim().length >= 3 || inn !== null;
  const duplicates = usePossibleDuplicates({ name, inn, kpp });
  const found = asked ? duplicates.data : undefined;
  const sameCompany =
    Boolean(found?.items.some((i) => i.matches.some((m) => sameCompanyMatches.has(m)))) ||
    Boolean(found?.hidden.some((h) => sameCompanyMatches.has(h.match))) ||
    requisitesTaken(create.error);

  const say = (code: string, params?: Record<string, string | number>) => messageText(i18n, code, params, code);

  /** The refusal of a requisite by itself, or with the others (a КПП only for a company, ОГРН of the ИНН's kind). */
  const requisiteProblem = (field: Requisite, all: Values): string | undefined => {
    const raw = all[field];
    if (raw.trim() === '') return undefined;
    const r = requisites[field].check(raw);
    if (!r.ok) return say(r.code, r.params);
    const kind = innKind(all['legalEntity.inn']);
    if (field === 'legalEntity.kpp' && kind === 'individual') return say('legalEntity.soleTraderKpp');
    if (field === 'legalEntity.ogrn' && kind && r.value.length !== (kind === 'legal' ? 13 : 15))
      return say(kind === 'legal' ? 'legalEntity.companyOgrn' : 'legalEntity.soleTraderOgrnip');
    return undefined;
  };

  const problemsOf = (all: Values): Partial<Record<Field, string>> => {
    const problems: Partial<Record<Field, string>> = {};
    if (all.name.trim() === '') problems.name = t('newClient.nameRequired');
    if (started(all, legalFields)) {
      if (all['legalEntity.fullName'].trim() === '') problems['legalEntity.fullName'] = t('newClient.fullNameRequired');
      for (const field of Object.keys(requisites) as Requisite[]) {
        const problem = requisiteProblem(field, all);
        if (problem) problems[field] = problem;
      }
    }
    if (started(all, contactFields)) {
      if (all['contact.fullName'].trim() === '') problems['contact.fullName'] = t('newClient.contactNameRequired');
      const phone = all['contact.phones'].trim();
      if (phone && !PHONE.test(phone)) problems['contact.phones'] = t('contactForm.phoneInvalid', { value: phone });
      const email = all['contact.emails'].trim();
      if (email && !EMAIL.test(email)) problems['contact.emails'] = t('contactForm.emailInvalid', { value: email });
    }
    if (sameCompany && !all.allowDuplicate && inn !== null)
      problems.allowDuplicateRequisites = t('newClient.duplicates.allowRequired');
    return problems;
  };

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    const next = { ...values, [field]: value };
    setValues(next);
    if (field === 'allowDuplicate') {
      form.touch('allowDuplicateRequisites');
      return;
    }
    form.touch(field as Field);
    // A requisite is judged as it is typed once it is valid or as long as the longest of its kind;
    // a shorter one is judged when the person leaves the field.
    if (typeof value === 'string' && isRequisite(field as TextField)) {
      const requisite = field as Requisite;
      const problem = requisiteProblem(requisite, next);
      if (!problem || compact(value).length >= requisites[requisite].fullAt || /[^\d\s\u00A0-]/.test(value))
        form.setError(requisite, problem);
    }
    // "Save anyway" answers for the requisites the server saw, not for ones typed since.
    if ((field === 'legalEntity.inn' || field === 'legalEntity.kpp') && requisitesTaken(create.error)) create.reset();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.check(problemsOf(values))) return;
    const v = values;
    const body: ClientWithDetailsCreateT = {
      name: v.name.trim(),
      status: v.status === 'active' ? 'active' : 'prospect',
      ...(mayReassign ? { ownerUserId: v.ownerUserId ? Number(v.ownerUserId) : null } : {}),
    };
    if (started(v, legalFields)) {
      body.legalEntity = {
        legalForm: textOrNull(v['legalEntity.legalForm']),
        fullName: v['legalEntity.fullName'].trim(),
        inn: valid('legalEntity.inn', v['legalEntity.inn']),
        kpp: valid('legalEntity.kpp', v['legalEntity.kpp']),
        ogrn: valid('legalEntity.ogrn', v['legalEntity.ogrn']),
        legalAddress: longTextOrNull(v['legalEntity.legalAddress']),
        ...(v.allowDuplicate ? { allowDuplicateRequisites: true } : {}),
      };
    }
    if (started(v, contactFields)) {
      const phone = v['contact.phones'].trim();
      const email = v['contact.emails'].trim().toLowerCase();
      body.contact = {
        fullName: v['contact.fullName'].trim(),
        position: textOrNull(v['contact.position']),
        phones: phone ? [phone] : [],
        emails: email ? [email] : [],
      };
    }
    create.mutate(body, {
      onSuccess: form.saved(t('newClient.created', { name: body.name }), (client) => {
        onDone();
        void navigate(`/clients/${client.id}`);
      }),
    });
  };

  /** What every text input of the form takes: its label, value, error, and the checks on change and blur. */
  const text = (field: TextField, label: string) => ({
    label,
    value: values[field],
    error: form.errorOf(field),
    onChange: (e: { currentTarget: { value: string } }) => set(field, e.currentTarget.value),
    onBlur: () => {
      if (isRequisite(field)) form.setError(field, requisiteProblem(field, values));
    },
  });
  /** A requisite's input: digits, and a tick once its check digits are right. */
  const requisite = (field: Requisite, label: string) => {
    const ok = valid(field, values[field]) !== null && !form.errorOf(field);
    return {
      ...text(field, label),
      inputMode: field === 'legalEntity.kpp' ? ('text' as const) : ('numeric' as const),
      maxLength: 30,
      autoComplete: 'off',
      rightSection: ok ? <CheckIcon size={12} color="var(--mantine-color-teal-7)" aria-hidden /> : null,
      'data-valid': ok ? 'true' : 'false',
    };
  };
  const innValue = valid('legalEntity.inn', values['legalEntity.inn']);
  const innDescription = innValue
    ? t(innValue.length === 10 ? 'newClient.innLegal' : 'newClient.innIndividual')
    : undefined;
  const similarName = Boolean(
    found?.items.some((i) => i.matches.includes('sameName') || i.matches.includes('similarName')),
  );

  return (
    <form onSubmit={submit} noValidate aria-label={t('newClient.title')} data-testid="new-client-form">
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={shownFields} />

        <Section title={t('newClient.client')}>
          <TextInput
            {...text('name', t('newClient.fields.name'))}
            required
            data-autofocus
            maxLength={300}
            placeholder={t('newClient.namePlaceholder')}
            description={similarName ? t('newClient.duplicates.nameHint') : undefined}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <StatusSelect value={values.status} onChange={(v) => set('status', v)} error={form.errorOf('status')} />
            <OwnerSelect
              value={values.ownerUserId}
              onChange={(v) => set('ownerUserId', v)}
              error={form.errorOf('ownerUserId')}
              locked={!mayReassign}
            />
          </SimpleGrid>
        </Section>

        <Section title={t('newClient.legalEntity')} hint={t('newClient.legalEntityHint')}>
          <Group align="flex-start" wrap="nowrap" gap="sm">
            <Autocomplete
              {...text('legalEntity.legalForm', t('card.legal.legalForm'))}
              onChange={(value) => set('legalEntity.legalForm', value)}
              data={legalForms}
              maxLength={40}
              comboboxProps={{ withinPortal: true }}
              openOnFocus={false}
              w="9rem"
              style={{ flexShrink: 0 }}
            />
            <TextInput
              {...text('legalEntity.fullName', t('card.legal.fullName'))}
              required={started(values, legalFields)}
              maxLength={500}
              style={{ flex: 1, minWidth: 0 }}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              {...requisite('legalEntity.inn', t('card.legal.inn'))}
              description={innDescription}
              // Under the input, so the three requisites stay in line when the hint appears.
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
            <TextInput {...requisite('legalEntity.kpp', t('card.legal.kpp'))} />
            <TextInput {...requisite('legalEntity.ogrn', t('newClient.fields.ogrn'))} />
          </SimpleGrid>
          <Textarea
            {...text('legalEntity.legalAddress', t('card.legal.legalAddress'))}
            autosize
            minRows={1}
            maxRows={4}
            maxLength={20000}
          />
        </Section>

        <Section title={t('newClient.contact')} hint={t('newClient.contactHint')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              {...text('contact.fullName', t('newClient.fields.contactName'))}
              required={started(values, contactFields)}
              maxLength={300}
            />
            <TextInput {...text('contact.position', t('card.contacts.position'))} maxLength={300} />
            <TextInput
              {...text('contact.phones', t('newClient.fields.phone'))}
              type="tel"
              inputMode="tel"
              maxLength={40}
              autoComplete="off"
            />
            <TextInput
              {...text('contact.emails', t('newClient.fields.email'))}
              type="email"
              maxLength={200}
              autoComplete="off"
            />
          </SimpleGrid>
        </Section>

        <PossibleDuplicates
          data={found}
          checking={duplicates.isFetching}
          sameCompany={sameCompany && inn !== null}
          allow={values.allowDuplicate}
          onAllow={(allow) => set('allowDuplicate', allow)}
          allowError={form.errorOf('allowDuplicateRequisites')}
          onOpen={onDone}
        />

        <FormActions
          pending={form.pending}
          onCancel={onDone}
          submitLabel={t('newClient.save')}
          submitTestId="new-client-save"
        />
      </Stack>
    </form>
  );
}

/** A part of the form with its heading; an optional part says so, and what it is for, on the same line. */
function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="fieldset" style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Group gap="xs" align="baseline" component="legend" p={0} mb={2} wrap="wrap">
        <Title order={3} size="h5">
          {title}
        </Title>
        {hint ? (
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        ) : null}
      </Group>
      {children}
    </Stack>
  );
}

function StatusSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  return (
    <Select
      label={t('newClient.fields.status')}
      data={statuses.map((s) => ({ value: s, label: label('clientStatus', s) }))}
      value={value}
      onChange={(next) => onChange(next ?? 'prospect')}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
      error={error}
      required
    />
  );
}

/** The organisation's active users; a manager's new client is their own, so for them it is fixed. */
function OwnerSelect({
  value,
  onChange,
  error,
  locked,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
  error: string | undefined;
  locked: boolean;
}) {
  const { t } = useTranslation();
  const users = useUsers();
  const me = useMe().data;
  const options = (users.data ?? [])
    .filter((u) => u.disabledAt === null)
    .map((u) => ({ value: String(u.id), label: u.name }));
  if (me && !options.some((o) => o.value === String(me.userId)))
    options.unshift({ value: String(me.userId), label: me.name });
  return (
    <Select
      label={t('newClient.fields.owner')}
      description={locked ? t('newClient.ownerSelf') : users.isError ? t('editClient.usersUnavailable') : undefined}
      data={options}
      value={value}
      onChange={onChange}
      searchable
      clearable={!locked}
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      placeholder={t('newClient.noOwner')}
      nothingFoundMessage={t('editClient.nothingFound')}
      disabled={locked}
      comboboxProps={{ withinPortal: true }}
      error={error}
    />
  );
}
