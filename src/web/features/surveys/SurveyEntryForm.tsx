/** A manager enters what the client said about us in a conversation: six 1–5 scores, NPS 0–10, a comment. */
import type { ContactT } from '../../../contract/clients.js';
import { Alert, Group, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormSave } from '../../lib/forms.js';
import { FormActions } from '../../components/FormActions.js';
import {
  COMMENT_MAX,
  NPS_MAX,
  NPS_MIN,
  SCORE_MAX,
  SCORE_MIN,
  hasAnyAnswer,
  surveyDimensions,
  type SurveyDimension,
} from '../../../core/surveys/satisfaction.js';
import { ContactSelect } from '../../components/ContactSelect.js';
import { FormProblem } from '../../components/FormProblem.js';
import { useEnumLabel } from '../../lib/labels.js';
import { todayIso } from '../../lib/dates.js';
import { useAddSurvey } from './api.js';
import { ScoreScale } from './ScoreScale.js';
import { DateField } from '../../components/DateField.js';

const shownFields = ['answeredOn', 'contactId', 'comment', 'scores', 'nps', ...surveyDimensions] as const;

export function SurveyEntryForm({
  clientId,
  contacts,
  onDone,
  onCancel,
}: {
  clientId: number;
  contacts: Pick<ContactT, 'id' | 'fullName' | 'position'>[];
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const enumLabel = useEnumLabel();
  const add = useAddSurvey();
  const [answeredOn, setAnsweredOn] = useState(todayIso);
  const [contactId, setContactId] = useState<string | null>(null);
  const [scores, setScores] = useState<Partial<Record<SurveyDimension, number>>>({});
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const form = useFormSave<(typeof shownFields)[number]>(add);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<'answeredOn' | 'scores', string>> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(answeredOn)) problems.answeredOn = t('surveys.entry.dateRequired');
    else if (answeredOn > todayIso()) problems.answeredOn = t('surveys.entry.dateFuture');
    if (!hasAnyAnswer({ ...scores, nps })) problems.scores = t('surveys.entry.needAnswer');
    if (!form.check(problems)) return;
    add.mutate(
      {
        clientId,
        answeredOn,
        ...(contactId ? { contactId: Number(contactId) } : {}),
        ...scores,
        ...(nps !== null ? { nps } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      },
      { onSuccess: form.saved(t('surveys.entry.saved'), onDone) },
    );
  };
  const scoresProblem = form.errorOf('scores');

  return (
    <form onSubmit={submit} noValidate data-testid="survey-entry-form">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('surveys.entry.intro')}
        </Text>
        <FormProblem error={form.problem} shownFields={shownFields} />
        <Group grow align="flex-start" wrap="wrap">
          <DateField
            label={t('surveys.entry.answeredOn')}
            required
            max={todayIso()}
            value={answeredOn}
            onChange={(value) => {
              setAnsweredOn(value);
              form.touch('answeredOn');
            }}
            error={form.errorOf('answeredOn')}
          />
          <ContactSelect
            contacts={contacts}
            label={t('surveys.entry.contact')}
            placeholder={t('surveys.entry.contactPlaceholder')}
            value={contactId}
            onChange={(value) => {
              setContactId(value);
              form.touch('contactId');
            }}
            error={form.errorOf('contactId')}
          />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          {surveyDimensions.map((d) => (
            <ScoreScale
              key={d}
              label={enumLabel('surveyDimension', d)}
              hint={t('surveys.scaleHint')}
              min={SCORE_MIN}
              max={SCORE_MAX}
              value={scores[d] ?? null}
              onChange={(value) => {
                form.touch('scores');
                form.touch(d);
                setScores(({ [d]: _old, ...rest }) => (value === null ? rest : { ...rest, [d]: value }));
              }}
              error={form.errorOf(d)}
              testId={`survey-entry-${d}`}
            />
          ))}
        </SimpleGrid>
        <ScoreScale
          label={t('surveys.npsQuestion')}
          hint={t('surveys.npsHint')}
          min={NPS_MIN}
          max={NPS_MAX}
          value={nps}
          onChange={(value) => {
            form.touch('scores');
            form.touch('nps');
            setNps(value);
          }}
          error={form.errorOf('nps')}
          testId="survey-entry-nps"
        />
        <Textarea
          label={t('surveys.entry.comment')}
          placeholder={t('surveys.entry.commentPlaceholder')}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => {
            setComment(e.currentTarget.value);
            form.touch('comment');
          }}
          error={form.errorOf('comment')}
        />
        {scoresProblem ? (
          <Alert color="red" variant="light" role="alert">
            {scoresProblem}
          </Alert>
        ) : null}
        <FormActions
          pending={add.isPending}
          onCancel={onCancel}
          submitLabel={t('surveys.entry.submit')}
          submitTestId="survey-entry-submit"
          mt={0}
        />
      </Stack>
    </form>
  );
}
