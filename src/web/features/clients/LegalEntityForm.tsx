/**
 * A legal entity's requisites, new or changed. ИНН, КПП, ОГРН, БИК and the accounts are checked by
 * their check digits in the browser (core/clients/requisites, the same rules as the server) before
 * sending; whatever the server still refuses shows under its field too. Requisites another client
 * already has (409) show that client, to open, and a button to save anyway.
 */
import type { LegalEntityT } from '../../../contract/clients.js';
import {
  Alert,
  Anchor,
  Autocomplete,
  Button,
  Checkbox,
  Group,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { Link } from 'react-router';
import {
  checkBik,
  checkCorrespondentAccount,
  checkInn,
  checkKpp,
  checkOgrnAny,
  checkSettlementAccount,
  type RequisiteCheck,
} from '../../../core/clients/requisites.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isApiError } from '../../lib/api.js';
import { longTextOrNull, sameValue, textOrNull, useFormSave } from '../../lib/forms.js';
import { messageText } from '../../lib/messages.js';
import { useSaveLegalEntity, type LegalEntityFields } from './queries.js';

const textFields = [
  'legalForm',
  'fullName',
  'shortName',
  'inn',
  'kpp',
  'ogrn',
  'legalAddress',
  'postalAddress',
  'bankName',
  'bik',
  'settlementAccount',
  'correspondentAccount',
] as const;
type TextField = (typeof textFields)[number];
type Field = TextField | 'isPrimary';
type Values = Record<TextField, string> & { isPrimary: boolean };

const shownFields: readonly Field[] = [...textFields, 'isPrimary'];
const longFields: ReadonlySet<TextField> = new Set(['legalAddress', 'postalAddress']);
const legalForms = ['ООО', 'АО', 'ПАО', 'ЗАО', 'ИП', 'НКО', 'ГУП', 'МУП'];

/** The requisites with check digits; the accounts are checked against the БИК typed in the form. */
const checks: Partial<Record<TextField, (value: string, all: Values) => RequisiteCheck>> = {
  inn: checkInn,
  kpp: checkKpp,
  ogrn: checkOgrnAny,
  bik: checkBik,
  settlementAccount: (value, all) => checkSettlementAccount(value, all.bik),
  correspondentAccount: (value, all) => checkCorrespondentAccount(value, all.bik),
};

/** A 409 about requisites another client has: that client when the user may see it. */
function duplicateOf(error: unknown): { existing: { id: number; name: string } | null } | null {
  if (!isApiError(error) || error.status !== 409) return null;
  if (!error.problem?.errors?.some((f) => f.reason === 'duplicateRequisites')) return null;
  return { existing: error.problem.existing ?? null };
}

const toValues = (le: LegalEntityT | null, isPrimary: boolean): Values => ({
  ...(Object.fromEntries(textFields.map((f) => [f, le?.[f] ?? ''])) as Record<TextField, string>),
  isPrimary: le?.isPrimary ?? isPrimary,
});

export function LegalEntityForm({
  clientId,
  entity,
  defaultPrimary,
  onDone,
}: {
  clientId: number;
  entity: LegalEntityT | null;
  defaultPrimary: boolean;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation();
  const save = useSaveLegalEntity(clientId);
  const [values, setValues] = useState(() => toValues(entity, defaultPrimary));
  const form = useFormSave<Field>(save);

  /** The field's value as the API takes it, or the reason it is refused. */
  const parse = (field: TextField, all: Values): { value: string | null } | { error: string } => {
    const raw = all[field];
    if (field === 'fullName' && raw.trim() === '') return { error: t('legalEntityForm.fullNameRequired') };
    const check = checks[field];
    if (!check || raw.trim() === '') return { value: longFields.has(field) ? longTextOrNull(raw) : textOrNull(raw) };
    const r = check(raw, all);
    return r.ok ? { value: r.value } : { error: messageText(i18n, r.code, r.params, r.code) };
  };

  const checkOne = (field: TextField) => {
    if (!checks[field]) return;
    const parsed = parse(field, values);
    form.setError(field, 'error' in parsed ? parsed.error : undefined);
  };

  const duplicate = duplicateOf(save.error);

  const send = (allowDuplicateRequisites: boolean) => {
    const problems: Partial<Record<Field, string>> = {};
    const fields: Partial<LegalEntityFields> = {};
    for (const field of textFields) {
      const parsed = parse(field, values);
      if ('error' in parsed) problems[field] = parsed.error;
      else if (entity === null ? parsed.value !== null : !sameValue(parsed.value, entity[field]))
        Object.assign(fields, { [field]: parsed.value });
    }
    if (entity === null || values.isPrimary !== entity.isPrimary) fields.isPrimary = values.isPrimary;
    if (!form.check(problems)) return;
    if (Object.keys(fields).length === 0) {
      onDone();
      return;
    }
    save.mutate(
      { id: entity?.id ?? null, fields: allowDuplicateRequisites ? { ...fields, allowDuplicateRequisites } : fields },
      { onSuccess: form.saved(t(entity ? 'legalEntityForm.saved' : 'legalEntityForm.created'), onDone) },
    );
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(false);
  };

  const text = (field: TextField) => ({
    label: t(`card.legal.${field}`),
    value: values[field],
    error: form.errorOf(field),
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setValues((prev) => ({ ...prev, [field]: value }));
      form.touch(field);
      // "Save anyway" answers for the requisites the server saw, not for ones typed since.
      if (duplicate && (field === 'inn' || field === 'kpp')) save.reset();
    },
    onBlur: () => checkOne(field),
  });
  const digits = { inputMode: 'numeric' as const, maxLength: 30, autoComplete: 'off' };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={entity ? t('legalEntityForm.editTitle', { name: entity.fullName }) : t('legalEntityForm.newTitle')}
    >
      <Stack gap="sm">
        {duplicate ? (
          <Alert
            color="yellow"
            variant="light"
            role="alert"
            title={t('legalEntityForm.duplicate.title')}
            data-testid="legal-entity-duplicate"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                {duplicate.existing ? (
                  <>
                    {t('legalEntityForm.duplicate.known')}{' '}
                    <Anchor component={Link} to={`/clients/${duplicate.existing.id}?tab=legalEntities`} fw={600}>
                      {duplicate.existing.name}
                    </Anchor>
                  </>
                ) : (
                  t('legalEntityForm.duplicate.hidden')
                )}
              </Text>
              <Button size="xs" variant="default" onClick={() => send(true)} loading={save.isPending}>
                {t('legalEntityForm.duplicate.saveAnyway')}
              </Button>
            </Stack>
          </Alert>
        ) : save.isError ? (
          <FormProblem error={save.error} shownFields={shownFields} />
        ) : null}
        <Group grow align="flex-start" wrap="wrap">
          <Autocomplete
            {...text('legalForm')}
            onChange={(value) => {
              setValues((prev) => ({ ...prev, legalForm: value }));
              form.touch('legalForm');
            }}
            data={legalForms}
            maxLength={40}
            comboboxProps={{ withinPortal: true }}
            openOnFocus={false}
            style={{ flexGrow: 0, flexBasis: '10rem' }}
            autoFocus
          />
          <TextInput {...text('fullName')} required maxLength={500} style={{ flexGrow: 3 }} />
        </Group>
        <TextInput {...text('shortName')} maxLength={300} />
        <Group grow align="flex-start" wrap="wrap">
          <TextInput {...text('inn')} {...digits} />
          <TextInput {...text('kpp')} maxLength={30} autoComplete="off" />
          <TextInput {...text('ogrn')} {...digits} />
        </Group>
        <Textarea {...text('legalAddress')} autosize minRows={2} maxRows={6} maxLength={20000} />
        <Textarea {...text('postalAddress')} autosize minRows={2} maxRows={6} maxLength={20000} />
        <Title order={4} size="h6" mt="xs">
          {t('card.legal.bankDetails')}
        </Title>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput {...text('bankName')} maxLength={300} style={{ flexGrow: 2 }} />
          <TextInput {...text('bik')} {...digits} />
        </Group>
        <Group grow align="flex-start" wrap="wrap">
          <TextInput {...text('settlementAccount')} {...digits} />
          <TextInput {...text('correspondentAccount')} {...digits} />
        </Group>
        <Checkbox
          label={t('legalEntityForm.isPrimary')}
          checked={values.isPrimary}
          onChange={(e) => {
            const checked = e.currentTarget.checked;
            setValues((prev) => ({ ...prev, isPrimary: checked }));
          }}
          error={form.errorOf('isPrimary')}
        />
        <FormActions pending={form.pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
