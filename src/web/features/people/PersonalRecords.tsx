/**
 * The records of a key figure's personal knowledge, each a list with add / edit / delete: family members,
 * useful dates (also the client company's own, without a contact) and gifts (interactions of kind gift,
 * whose cost counts in the client's cost to serve).
 */
import type { FamilyMemberT, GiftT, UsefulDateT } from '../../../contract/people.js';
import {
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { FormProblem } from '../../components/FormProblem.js';
import { isEnumValue } from '../../lib/enums.js';
import { formatDate, formatMoney, NO_VALUE, toApiMoney } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel, useEnumOptions } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { longTextOrNull, textOrNull, useFormSave } from '../../lib/forms.js';
import { usePersonalRecord } from './api.js';
import classes from './people.module.css';
import { DateField } from '../../components/DateField.js';
import { WideTable } from '../../components/WideTable.js';

const today = () => new Date().toISOString().slice(0, 10);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A day of the year in words: "12 июля" / "12 July", with the year when known. */
export function useDayOfYear(): (month: number, day: number, year?: number | null) => string {
  const language = useLanguage();
  return (month, day, year) => {
    if (year)
      return formatDate(
        `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        language,
      );
    return new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', {
      day: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(2000, month - 1, day)));
  };
}

/** Section header with an add button, a list, a modal form and a delete question: the shape all three share. */
function RecordSection<T extends { id: number }>({
  title,
  testId,
  items,
  empty,
  writable,
  addLabel,
  renderTable,
  form,
  deleteTitle,
  deleteMessage,
  remove,
}: {
  title: string;
  testId: string;
  items: T[];
  empty: string;
  writable: boolean;
  addLabel: string;
  renderTable: (actions: ((item: T) => ReactNode) | undefined) => ReactNode;
  form: (editing: T | null, done: () => void) => ReactNode;
  deleteTitle: string;
  deleteMessage: (item: T) => string;
  remove: {
    mutate: (id: number, o: { onSuccess: () => void }) => void;
    isPending: boolean;
    error: unknown;
    reset: () => void;
  };
}) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const [deleting, setDeleting] = useState<T | null>(null);
  const actions = writable
    ? (item: T) => (
        <Group gap={4} wrap="nowrap">
          <Button variant="default" size="compact-xs" onClick={() => setEditing(item)}>
            {t('common.edit')}
          </Button>
          <Button variant="subtle" color="red" size="compact-xs" onClick={() => setDeleting(item)}>
            {t('common.delete')}
          </Button>
        </Group>
      )
    : undefined;
  return (
    <Stack gap="xs" data-testid={testId}>
      <Group justify="space-between" wrap="wrap">
        <Title order={4} size="h6">
          {title}
        </Title>
        {writable ? (
          <Button variant="default" size="compact-sm" onClick={() => setEditing('new')} data-testid={`${testId}-add`}>
            {addLabel}
          </Button>
        ) : null}
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        renderTable(actions)
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={title}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null ? form(editing === 'new' ? null : editing, () => setEditing(null)) : null}
      </Modal>
      <ConfirmDelete
        opened={deleting !== null}
        title={deleteTitle}
        message={deleting ? deleteMessage(deleting) : ''}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notify(t('people.personal.deleted'));
            },
          })
        }
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
      />
    </Stack>
  );
}

// ---- family ---------------------------------------------------------------------------------------
export function FamilySection({
  clientId,
  contactId,
  family,
  writable,
}: {
  clientId: number;
  contactId: number;
  family: FamilyMemberT[];
  writable: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const label = useEnumLabel();
  const records = usePersonalRecord<FamilyMemberT>('family-members', clientId, contactId);
  return (
    <RecordSection
      title={t('people.family.title')}
      testId="family"
      items={family}
      empty={t('people.family.empty')}
      writable={writable}
      addLabel={t('people.family.add')}
      remove={records.remove}
      deleteTitle={t('people.family.deleteTitle')}
      deleteMessage={(f) => t('people.personal.deleteMessage', { name: f.name })}
      renderTable={(actions) => (
        <WideTable minWidth={520} label={t('people.family.title')}>
          <Table verticalSpacing={4} aria-label={t('people.family.title')}>
            <Table.Tbody>
              {family.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td>{label('familyRelation', f.relation)}</Table.Td>
                  <Table.Td fw={600}>{f.name}</Table.Td>
                  <Table.Td>{f.birthday ? formatDate(f.birthday, language) : NO_VALUE}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" className={classes.prewrap}>
                      {f.notes}
                    </Text>
                  </Table.Td>
                  {actions ? <Table.Td>{actions(f)}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      form={(editing, done) => <FamilyForm contactId={contactId} member={editing} save={records.save} onDone={done} />}
    />
  );
}

type Save = ReturnType<typeof usePersonalRecord>['save'];
type FamilyField = 'relation' | 'name' | 'birthday' | 'notes';

function FamilyForm({
  contactId,
  member,
  save,
  onDone,
}: {
  contactId: number;
  member: FamilyMemberT | null;
  save: Save;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const relations = useEnumOptions('familyRelation');
  const [relation, setRelation] = useState<string | null>(member?.relation ?? 'spouse');
  const [name, setName] = useState(member?.name ?? '');
  const [birthday, setBirthday] = useState(member?.birthday ?? '');
  const [notes, setNotes] = useState(member?.notes ?? '');
  const form = useFormSave<FamilyField>(save);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<FamilyField, string>> = {};
    if (name.trim() === '') problems.name = t('people.personal.nameRequired');
    if (birthday !== '' && !(DATE.test(birthday) && birthday >= '1900-01-01' && birthday <= today()))
      problems.birthday = t('people.personal.birthdayInvalid');
    if (!form.check(problems)) return;
    const body = {
      relation: isEnumValue('familyRelation', relation) ? relation : 'other',
      name: name.trim(),
      birthday: birthday || null,
      notes: longTextOrNull(notes),
    };
    save.mutate(
      { id: member?.id ?? null, body: member ? body : { contactId, ...body } },
      { onSuccess: form.saved(t('people.personal.saved'), onDone) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={['relation', 'name', 'birthday', 'notes']} />
        <Select
          label={t('people.family.relation')}
          data={relations}
          value={relation}
          onChange={setRelation}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          error={form.errorOf('relation')}
        />
        <TextInput
          label={t('people.family.name')}
          required
          maxLength={300}
          value={name}
          onChange={(e) => {
            setName(e.currentTarget.value);
            form.touch('name');
          }}
          error={form.errorOf('name')}
          data-autofocus
        />
        <DateField
          label={t('people.family.birthday')}
          clearable
          min="1900-01-01"
          max={today()}
          value={birthday}
          onChange={(value) => {
            setBirthday(value);
            form.touch('birthday');
          }}
          error={form.errorOf('birthday')}
          maw={240}
        />
        <Textarea
          label={t('people.personal.notes')}
          autosize
          minRows={2}
          maxLength={20000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={form.errorOf('notes')}
        />
        <FormActions pending={form.pending} onCancel={onDone} submitTestId="record-save" />
      </Stack>
    </form>
  );
}

// ---- useful dates -----------------------------------------------------------------------------------
export function UsefulDatesSection({
  clientId,
  contactId,
  dates,
  writable,
  title,
  testId = 'useful-dates',
}: {
  clientId: number;
  contactId: number | null;
  dates: UsefulDateT[];
  writable: boolean;
  title: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const label = useEnumLabel();
  const dayOfYear = useDayOfYear();
  const records = usePersonalRecord<UsefulDateT>('useful-dates', clientId, contactId);
  return (
    <RecordSection
      title={title}
      testId={testId}
      items={dates}
      empty={t('people.dates.empty')}
      writable={writable}
      addLabel={t('people.dates.add')}
      remove={records.remove}
      deleteTitle={t('people.dates.deleteTitle')}
      deleteMessage={(d) => t('people.personal.deleteMessage', { name: d.title })}
      renderTable={(actions) => (
        <WideTable minWidth={520} label={title}>
          <Table verticalSpacing={4} aria-label={title}>
            <Table.Tbody>
              {dates.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{dayOfYear(d.month, d.day, d.year)}</Table.Td>
                  <Table.Td fw={600}>{d.title}</Table.Td>
                  <Table.Td>{label('usefulDateKind', d.kind)}</Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed" className={classes.prewrap}>
                      {d.notes}
                    </Text>
                  </Table.Td>
                  {actions ? <Table.Td>{actions(d)}</Table.Td> : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      form={(editing, done) => (
        <UsefulDateForm clientId={clientId} contactId={contactId} date={editing} save={records.save} onDone={done} />
      )}
    />
  );
}

type DateField = 'kind' | 'title' | 'month' | 'day' | 'year' | 'leadDays' | 'notes';
const daysIn = (month: number, year: number | null) =>
  month === 2
    ? year === null || (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

function UsefulDateForm({
  clientId,
  contactId,
  date,
  save,
  onDone,
}: {
  clientId: number;
  contactId: number | null;
  date: UsefulDateT | null;
  save: Save;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const kinds = useEnumOptions('usefulDateKind').filter((k) => contactId !== null || k.value !== 'name_day');
  const months = Array.from({ length: 12 }, (_, i) => ({
    value: String(i + 1),
    label: new Intl.DateTimeFormat(language === 'ru' ? 'ru-RU' : 'en-GB', { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2000, i, 1)),
    ),
  }));
  const [kind, setKind] = useState<string | null>(
    date?.kind ?? (contactId === null ? 'company_anniversary' : 'name_day'),
  );
  const [title, setTitle] = useState(date?.title ?? '');
  const [month, setMonth] = useState<string | null>(date ? String(date.month) : null);
  const [day, setDay] = useState<number | string>(date?.day ?? '');
  const [year, setYear] = useState<number | string>(date?.year ?? '');
  const [leadDays, setLeadDays] = useState<number | string>(date?.leadDays ?? '');
  const [notes, setNotes] = useState(date?.notes ?? '');
  const form = useFormSave<DateField>(save);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<DateField, string>> = {};
    const m = Number(month);
    const d = Number(day);
    const y = year === '' ? null : Number(year);
    if (title.trim() === '') problems.title = t('people.personal.titleRequired');
    if (!month) problems.month = t('people.dates.monthRequired');
    if (y !== null && !(Number.isInteger(y) && y >= 1800 && y <= 2200)) problems.year = t('people.dates.yearInvalid');
    if (!(Number.isInteger(d) && d >= 1 && d <= 31) || (month && d > daysIn(m, y)))
      problems.day = t('people.dates.dayInvalid');
    const lead = leadDays === '' ? null : Number(leadDays);
    if (lead !== null && !(Number.isInteger(lead) && lead >= 0 && lead <= 365))
      problems.leadDays = t('people.dates.leadDaysInvalid');
    if (!form.check(problems)) return;
    const body = {
      kind: isEnumValue('usefulDateKind', kind) ? kind : 'custom',
      title: title.trim(),
      month: m,
      day: d,
      year: y,
      leadDays: lead,
      notes: longTextOrNull(notes),
    };
    save.mutate(
      { id: date?.id ?? null, body: date ? body : { clientId, contactId, ...body } },
      { onSuccess: form.saved(t('people.personal.saved'), onDone) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem
          error={form.problem}
          shownFields={['kind', 'title', 'month', 'day', 'year', 'leadDays', 'notes']}
        />
        <Select
          label={t('people.dates.kind')}
          data={kinds}
          value={kind}
          onChange={setKind}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
          error={form.errorOf('kind')}
        />
        <TextInput
          label={t('people.dates.titleField')}
          required
          maxLength={300}
          value={title}
          onChange={(e) => {
            setTitle(e.currentTarget.value);
            form.touch('title');
          }}
          error={form.errorOf('title')}
          data-autofocus
        />
        <Group grow align="flex-start">
          <NumberInput
            label={t('people.dates.day')}
            required
            min={1}
            max={31}
            allowDecimal={false}
            value={day}
            onChange={(v) => {
              setDay(v);
              form.touch('day');
            }}
            error={form.errorOf('day')}
          />
          <Select
            label={t('people.dates.month')}
            required
            data={months}
            value={month}
            onChange={(v) => {
              setMonth(v);
              form.touch('month');
              form.touch('day');
            }}
            comboboxProps={{ withinPortal: true }}
            error={form.errorOf('month')}
          />
          <NumberInput
            label={t('people.dates.year')}
            description={t('people.dates.yearHint')}
            min={1800}
            max={2200}
            allowDecimal={false}
            value={year}
            onChange={(v) => {
              setYear(v);
              form.touch('year');
            }}
            error={form.errorOf('year')}
          />
        </Group>
        <NumberInput
          label={t('people.dates.leadDays')}
          description={t('people.dates.leadDaysHint')}
          min={0}
          max={365}
          allowDecimal={false}
          value={leadDays}
          onChange={(v) => {
            setLeadDays(v);
            form.touch('leadDays');
          }}
          error={form.errorOf('leadDays')}
          maw={280}
        />
        <Textarea
          label={t('people.personal.notes')}
          autosize
          minRows={2}
          maxLength={20000}
          value={notes}
          onChange={(e) => setNotes(e.currentTarget.value)}
          error={form.errorOf('notes')}
        />
        <FormActions pending={form.pending} onCancel={onDone} submitTestId="record-save" />
      </Stack>
    </form>
  );
}

// ---- gifts -------------------------------------------------------------------------------------------
export function GiftsSection({
  clientId,
  contactId,
  gifts,
  total,
  writable,
}: {
  clientId: number;
  contactId: number;
  gifts: GiftT[];
  total: string;
  writable: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const records = usePersonalRecord<GiftT>('interactions', clientId, contactId);
  return (
    <RecordSection
      title={t('people.gifts.title')}
      testId="gifts"
      items={gifts}
      empty={t('people.gifts.empty')}
      writable={writable}
      addLabel={t('people.gifts.add')}
      remove={records.remove}
      deleteTitle={t('people.gifts.deleteTitle')}
      deleteMessage={(g) => t('people.personal.deleteMessage', { name: g.notes ?? formatDate(g.occurredAt, language) })}
      renderTable={(actions) => (
        <WideTable minWidth={560} label={t('people.gifts.title')}>
          <Table verticalSpacing={4} aria-label={t('people.gifts.title')}>
            <Table.Tbody>
              {gifts.map((g) => (
                <Table.Tr key={g.id}>
                  <Table.Td>{formatDate(g.occurredAt.slice(0, 10), language)}</Table.Td>
                  <Table.Td fw={600} className={classes.prewrap}>
                    {g.notes ?? NO_VALUE}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }}>
                    {formatMoney(g.moneySpent, language)}
                  </Table.Td>
                  {actions ? <Table.Td>{actions(g)}</Table.Td> : null}
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Td colSpan={2}>
                  <Text size="sm" c="dimmed">
                    {t('people.gifts.total')}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap', textAlign: 'right' }} fw={700}>
                  {formatMoney(total, language)}
                </Table.Td>
                {actions ? <Table.Td /> : null}
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
      form={(editing, done) => (
        <GiftForm clientId={clientId} contactId={contactId} gift={editing} save={records.save} onDone={done} />
      )}
    />
  );
}

type GiftField = 'occurredAt' | 'notes' | 'moneySpent';

function GiftForm({
  clientId,
  contactId,
  gift,
  save,
  onDone,
}: {
  clientId: number;
  contactId: number;
  gift: GiftT | null;
  save: Save;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [date, setDate] = useState(gift?.occurredAt.slice(0, 10) ?? today());
  const [what, setWhat] = useState(gift?.notes ?? '');
  const [cost, setCost] = useState(gift?.moneySpent ?? '');
  const form = useFormSave<GiftField>(save);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<GiftField, string>> = {};
    if (!DATE.test(date) || date < '2000-01-01') problems.occurredAt = t('people.gifts.dateInvalid');
    if (what.trim() === '') problems.notes = t('people.gifts.whatRequired');
    const money = cost.trim() === '' ? '0.00' : toApiMoney(cost);
    if (money === null || money.startsWith('-')) problems.moneySpent = t('people.gifts.costInvalid');
    if (!form.check(problems)) return;
    // Midday UTC keeps the chosen day in every time zone of Russia.
    const body = { occurredAt: `${date}T12:00:00Z`, notes: textOrNull(what), moneySpent: money };
    save.mutate(
      { id: gift?.id ?? null, body: gift ? body : { clientId, contactId, kind: 'gift', ...body } },
      { onSuccess: form.saved(t('people.personal.saved'), onDone) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={['occurredAt', 'notes', 'moneySpent']} />
        <TextInput
          label={t('people.gifts.what')}
          required
          maxLength={300}
          value={what}
          onChange={(e) => {
            setWhat(e.currentTarget.value);
            form.touch('notes');
          }}
          error={form.errorOf('notes')}
          data-autofocus
        />
        <Group grow align="flex-start">
          <DateField
            label={t('people.gifts.date')}
            required
            value={date}
            onChange={(value) => {
              setDate(value);
              form.touch('occurredAt');
            }}
            error={form.errorOf('occurredAt')}
          />
          <TextInput
            label={t('people.gifts.cost')}
            description={t('people.gifts.costHint')}
            inputMode="decimal"
            value={cost}
            onChange={(e) => {
              setCost(e.currentTarget.value);
              form.touch('moneySpent');
            }}
            error={form.errorOf('moneySpent')}
          />
        </Group>
        <FormActions pending={form.pending} onCancel={onDone} submitTestId="record-save" />
      </Stack>
    </form>
  );
}
