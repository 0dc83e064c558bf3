/**
 * What we know personally about a key figure (docs/domain.md §5): personal and professional traits, hobbies, how
 * they like to be congratulated, gift ideas, the family, useful dates, the gifts given and a reminder of
 * last year's. All of it is personal data (152-ФЗ).
 */
import type { PersonalKnowledgeT } from '../../../contract/people.js';
import { Alert, Badge, Button, Group, Modal, SimpleGrid, Stack, TagsInput, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/FormActions.js';
import { FormProblem } from '../../components/FormProblem.js';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDate, formatMoney, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { longTextOrNull, sameValue, useFormSave } from '../../lib/forms.js';
import { isForbidden } from '../../lib/api.js';
import { PersonalDataHiddenNote } from '../../components/Hidden.js';
import { usePersonal, useUpdatePerson, type PersonPatch } from './api.js';
import { FamilySection, GiftsSection, UsefulDatesSection } from './PersonalRecords.js';
import classes from './people.module.css';

export function PersonalKnowledge({
  clientId,
  contactId,
  writable,
}: {
  clientId: number;
  contactId: number;
  writable: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const personal = usePersonal(contactId);
  const [editing, setEditing] = useState(false);
  if (personal.isPending) return <PageLoader minHeight={120} />;
  if (personal.isError)
    return isForbidden(personal.error) ? (
      <PersonalDataHiddenNote />
    ) : (
      <ErrorAlert error={personal.error} onRetry={() => void personal.refetch()} />
    );
  const k = personal.data;
  const c = k.contact;
  const text = (value: string | null) =>
    value ? (
      <Text size="sm" className={classes.prewrap}>
        {value}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        {NO_VALUE}
      </Text>
    );
  return (
    <Stack gap="md" data-testid={`personal-${contactId}`}>
      <Group justify="space-between" wrap="wrap">
        <Badge variant="outline" color="grape" tt="none">
          {t('people.personal.personalData')}
        </Badge>
        {writable ? (
          <Button variant="default" size="compact-sm" onClick={() => setEditing(true)} data-testid="edit-traits">
            {t('people.personal.editTraits')}
          </Button>
        ) : null}
      </Group>
      <LastYearReminder knowledge={k} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('people.personal.birthday')}
          </Text>
          <Text size="sm">
            {c.birthday ? formatDate(c.birthday, language) : NO_VALUE}
            {k.nextBirthday ? (
              <Text span size="xs" c="dimmed">
                {' · '}
                {t('people.personal.nextBirthday', { date: formatDate(k.nextBirthday, language) })}
              </Text>
            ) : null}
          </Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('people.personal.hobbies')}
          </Text>
          {c.hobbies.length ? (
            <Group gap={4}>
              {c.hobbies.map((h) => (
                <Badge key={h} variant="light" color="grape" tt="none">
                  {h}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {NO_VALUE}
            </Text>
          )}
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('people.personal.personalTraits')}
          </Text>
          {text(c.personalTraits)}
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('people.personal.professionalTraits')}
          </Text>
          {text(c.professionalTraits)}
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('people.personal.congratulationPreferences')}
          </Text>
          {text(c.congratulationPreferences)}
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed" fw={600}>
            {t('people.personal.giftIdeas')}
          </Text>
          {text(c.giftIdeas)}
        </Stack>
      </SimpleGrid>
      <FamilySection clientId={clientId} contactId={contactId} family={k.family} writable={writable} />
      <UsefulDatesSection
        clientId={clientId}
        contactId={contactId}
        dates={k.usefulDates}
        writable={writable}
        title={t('people.dates.title')}
      />
      <GiftsSection
        clientId={clientId}
        contactId={contactId}
        gifts={k.gifts}
        total={k.giftsTotal}
        writable={writable}
      />
      <Modal
        opened={editing}
        onClose={() => setEditing(false)}
        title={t('people.personal.traitsTitle', { name: c.fullName })}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing ? <TraitsForm clientId={clientId} knowledge={k} onDone={() => setEditing(false)} /> : null}
      </Modal>
    </Stack>
  );
}

/** "Given last year": so this year's gift is not the same one, and the spend stays in proportion. */
function LastYearReminder({ knowledge }: { knowledge: PersonalKnowledgeT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const y = knowledge.lastYear;
  const period = { from: formatDate(y.from, language), to: formatDate(y.to, language) };
  if (y.gifts.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid="last-year-gifts">
        {t('people.gifts.lastYearNone', period)}
      </Text>
    );
  return (
    <Alert
      variant="light"
      color="indigo"
      title={t('people.gifts.lastYear', { ...period, total: formatMoney(y.total, language) })}
      data-testid="last-year-gifts"
    >
      <Stack gap={2}>
        {y.gifts.map((g) => (
          <Text key={g.id} size="sm">
            {formatDate(g.occurredAt.slice(0, 10), language)} — {g.notes ?? NO_VALUE} (
            {formatMoney(g.moneySpent, language)})
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}

type TraitField = 'personalTraits' | 'professionalTraits' | 'hobbies' | 'congratulationPreferences' | 'giftIdeas';
const MAX_HOBBIES = 20;

function TraitsForm({
  clientId,
  knowledge,
  onDone,
}: {
  clientId: number;
  knowledge: PersonalKnowledgeT;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdatePerson(clientId);
  const form = useFormSave<TraitField>(update);
  const c = knowledge.contact;
  const [values, setValues] = useState({
    personalTraits: c.personalTraits ?? '',
    professionalTraits: c.professionalTraits ?? '',
    hobbies: [...c.hobbies],
    congratulationPreferences: c.congratulationPreferences ?? '',
    giftIdeas: c.giftIdeas ?? '',
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: PersonPatch = {
      personalTraits: longTextOrNull(values.personalTraits),
      professionalTraits: longTextOrNull(values.professionalTraits),
      hobbies: [...new Set(values.hobbies.map((h) => h.trim()).filter(Boolean))].slice(0, MAX_HOBBIES),
      congratulationPreferences: longTextOrNull(values.congratulationPreferences),
      giftIdeas: longTextOrNull(values.giftIdeas),
    };
    const patch = Object.fromEntries(
      Object.entries(next).filter(([key, value]) => !sameValue(value, c[key as TraitField])),
    ) as PersonPatch;
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate({ id: c.id, patch }, { onSuccess: form.saved(t('people.personal.saved'), onDone) });
  };
  const area = (field: Exclude<TraitField, 'hobbies'>) => (
    <Textarea
      label={t(`people.personal.${field}`)}
      autosize
      minRows={2}
      maxRows={8}
      maxLength={20000}
      value={values[field]}
      onChange={(e) => {
        const v = e.currentTarget.value;
        setValues((prev) => ({ ...prev, [field]: v }));
      }}
    />
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormProblem error={form.problem} shownFields={[]} />
        {area('personalTraits')}
        {area('professionalTraits')}
        <TagsInput
          label={t('people.personal.hobbies')}
          description={t('people.personal.hobbiesHint', { max: MAX_HOBBIES })}
          value={values.hobbies}
          onChange={(hobbies) => setValues((prev) => ({ ...prev, hobbies }))}
          maxTags={MAX_HOBBIES}
          clearable
          comboboxProps={{ withinPortal: true }}
        />
        {area('congratulationPreferences')}
        {area('giftIdeas')}
        <FormActions pending={form.pending} onCancel={onDone} />
      </Stack>
    </form>
  );
}
