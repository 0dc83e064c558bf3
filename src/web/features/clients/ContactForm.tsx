/** A contact person, new or changed: who they are, their roles in the buying decision, how to reach them. */
import type { ContactT } from '../../../contract/clients.js';
import { Group, MultiSelect, Select, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue } from '../../lib/enums.js';
import { useEnumOptions } from '../../lib/labels.js';
import { longTextOrNull, sameValue, splitList, textOrNull, useFormSave } from '../../lib/forms.js';
import { useSaveContact, type ContactFields } from './queries.js';
import { DateField } from '../../components/DateField.js';

/** The fields this form edits; the personal knowledge of a key figure is edited on the people tab. */
type Field =
  | 'fullName'
  | 'position'
  | 'decisionRoles'
  | 'influence'
  | 'attitude'
  | 'phones'
  | 'emails'
  | 'birthday'
  | 'notes'
  | 'isKeyFigure'
  | 'locale';
type FormFields = Pick<ContactFields, Field>;
const shownFields: readonly Field[] = [
  'fullName',
  'position',
  'decisionRoles',
  'influence',
  'attitude',
  'phones',
  'emails',
  'birthday',
  'notes',
  'isKeyFigure',
  'locale',
];
const MAX_ITEMS = 10;
const PHONE = /^[0-9+()\-\s.]{3,40}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Values = {
  fullName: string;
  position: string;
  decisionRoles: string[];
  influence: string | null;
  attitude: string | null;
  phones: string;
  emails: string;
  birthday: string;
  notes: string;
  isKeyFigure: boolean;
  locale: string;
};

const toValues = (c: ContactT | null): Values => ({
  fullName: c?.fullName ?? '',
  position: c?.position ?? '',
  decisionRoles: [...(c?.decisionRoles ?? [])],
  influence: c?.influence ?? null,
  attitude: c?.attitude ?? null,
  phones: (c?.phones ?? []).join('\n'),
  emails: (c?.emails ?? []).join('\n'),
  birthday: c?.birthday ?? '',
  notes: c?.notes ?? '',
  isKeyFigure: c?.isKeyFigure ?? false,
  locale: c?.locale ?? 'ru',
});

const today = () => new Date().toISOString().slice(0, 10);

export function ContactForm({
  clientId,
  contact,
  onDone,
}: {
  clientId: number;
  contact: ContactT | null;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const save = useSaveContact(clientId);
  const [values, setValues] = useState(() => toValues(contact));
  const form = useFormSave<Field>(save);

  const listProblem = (
    items: string[],
    valid: RegExp,
    invalid: 'contactForm.phoneInvalid' | 'contactForm.emailInvalid',
  ) => {
    if (items.length > MAX_ITEMS) return t('contactForm.tooMany', { max: MAX_ITEMS });
    const bad = items.find((item) => !valid.test(item));
    return bad === undefined ? undefined : t(invalid, { value: bad });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const phones = splitList(values.phones);
    const emails = splitList(values.emails).map((e) => e.toLowerCase());
    const problems: Partial<Record<Field, string>> = {};
    if (values.fullName.trim() === '') problems.fullName = t('contactForm.fullNameRequired');
    const phoneProblem = listProblem(phones, PHONE, 'contactForm.phoneInvalid');
    if (phoneProblem) problems.phones = phoneProblem;
    const emailProblem = listProblem(emails, EMAIL, 'contactForm.emailInvalid');
    if (emailProblem) problems.emails = emailProblem;
    if (
      values.birthday !== '' &&
      !(/^\d{4}-\d{2}-\d{2}$/.test(values.birthday) && values.birthday >= '1900-01-01' && values.birthday <= today())
    ) {
      problems.birthday = t('contactForm.birthdayInvalid');
    }
    if (!form.check(problems)) return;

    const next: FormFields = {
      fullName: values.fullName.trim(),
      position: textOrNull(values.position),
      decisionRoles: values.decisionRoles.filter((r) => isEnumValue('decisionRole', r)),
      influence: isEnumValue('influence', values.influence) ? values.influence : null,
      attitude: isEnumValue('attitude', values.attitude) ? values.attitude : null,
      phones,
      emails,
      birthday: values.birthday || null,
      notes: longTextOrNull(values.notes),
      isKeyFigure: values.isKeyFigure,
      locale: values.locale === 'en' ? 'en' : 'ru',
    };
    const fields =
      contact === null
        ? next
        : (Object.fromEntries(
            Object.entries(next).filter(([key, value]) => !sameValue(value, contact[key as Field])),
          ) as Partial<FormFields>);
    if (Object.keys(fields).length === 0) {
      onDone();
      return;
    }
    save.mutate(
      { id: contact?.id ?? null, fields },
      { onSuccess: form.saved(t(contact ? 'contactForm.saved' : 'contactForm.created'), onDone) },
    );
  };

  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((prev) => ({ ...prev, [field]: value }));
    form.touch(field);
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={shownFields} />
        <ContactFields values={values} set={set} errorOf={form.errorOf} />
        <FormActions pending={form.pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}

/** Who the person is, their part in the buying decision, how to reach them, and what to remember. */
function ContactFields({
  values,
  set,
  errorOf,
}: {
  values: Values;
  set: <K extends keyof Values>(field: K, value: Values[K]) => void;
  errorOf: (field: Field) => string | undefined;
}) {
  const { t } = useTranslation();
  const roleOptions = useEnumOptions('decisionRole');
  const influenceOptions = useEnumOptions('influence');
  const attitudeOptions = useEnumOptions('attitude');
  const localeOptions = [
    { value: 'ru', label: t('language.full.ru') },
    { value: 'en', label: t('language.full.en') },
  ];
  const selectProps = {
    clearable: true,
    clearButtonProps: { 'aria-label': t('common.clear') },
    placeholder: t('editClient.notSet'),
    comboboxProps: { withinPortal: true },
  };
  return (
    <>
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label={t('card.contacts.name')}
          required
          data-autofocus
          maxLength={300}
          value={values.fullName}
          onChange={(e) => set('fullName', e.currentTarget.value)}
          error={errorOf('fullName')}
        />
        <TextInput
          label={t('card.contacts.position')}
          maxLength={300}
          value={values.position}
          onChange={(e) => set('position', e.currentTarget.value)}
          error={errorOf('position')}
        />
      </Group>
      <MultiSelect
        label={t('contactForm.roles')}
        description={t('contactForm.rolesHint')}
        data={roleOptions}
        value={values.decisionRoles}
        onChange={(value) => set('decisionRoles', value)}
        error={errorOf('decisionRoles')}
        {...selectProps}
        placeholder={values.decisionRoles.length ? undefined : t('editClient.notSet')}
      />
      <Group grow align="flex-start" wrap="wrap">
        <Select
          label={t('card.contacts.influence')}
          data={influenceOptions}
          value={values.influence}
          onChange={(value) => set('influence', value)}
          error={errorOf('influence')}
          {...selectProps}
        />
        <Select
          label={t('card.contacts.attitude')}
          data={attitudeOptions}
          value={values.attitude}
          onChange={(value) => set('attitude', value)}
          error={errorOf('attitude')}
          {...selectProps}
        />
      </Group>
      <Group grow align="flex-start" wrap="wrap">
        <Textarea
          label={t('card.contacts.phones')}
          description={t('contactForm.listHint')}
          autosize
          minRows={2}
          maxRows={6}
          value={values.phones}
          onChange={(e) => set('phones', e.currentTarget.value)}
          error={errorOf('phones')}
        />
        <Textarea
          label={t('card.contacts.emails')}
          description={t('contactForm.listHint')}
          autosize
          minRows={2}
          maxRows={6}
          value={values.emails}
          onChange={(e) => set('emails', e.currentTarget.value)}
          error={errorOf('emails')}
        />
      </Group>
      <Group grow align="flex-start" wrap="wrap">
        <DateField
          label={t('card.contacts.birthday')}
          clearable
          min="1900-01-01"
          max={today()}
          value={values.birthday}
          onChange={(value) => set('birthday', value)}
          error={errorOf('birthday')}
          maw={240}
        />
        <Select
          label={t('people.contactForm.locale')}
          description={t('people.contactForm.localeHint')}
          data={localeOptions}
          value={values.locale}
          onChange={(value) => set('locale', value ?? 'ru')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          error={errorOf('locale')}
          maw={280}
        />
      </Group>
      <Switch
        label={t('people.contactForm.keyFigure')}
        description={t('people.contactForm.keyFigureHint')}
        checked={values.isKeyFigure}
        onChange={(e) => set('isKeyFigure', e.currentTarget.checked)}
        error={errorOf('isKeyFigure')}
      />
      <Textarea
        label={t('card.contacts.notes')}
        autosize
        minRows={2}
        maxRows={8}
        maxLength={20000}
        value={values.notes}
        onChange={(e) => set('notes', e.currentTarget.value)}
        error={errorOf('notes')}
      />
    </>
  );
}
