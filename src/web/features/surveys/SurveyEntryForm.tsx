/** A manager enters what the client said about us in a conversation: six 1–5 scores, NPS 0–10, a comment. */
import type { ContactT } from '../../../contract/clients.js';
import { Alert, Button, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
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
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { fieldErrors } from '../../lib/problem.js';
import { todayIso } from '../../lib/dates.js';
import { useAddSurvey } from './api.js';
import { ScoreScale } from './ScoreScale.js';

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
  const language = useLanguage();
  const enumLabel = useEnumLabel();
  const add = useAddSurvey();
  const [answeredOn, setAnsweredOn] = useState(todayIso);
  const [contactId, setContactId] = useState<string | null>(null);
  const [scores, setScores] = useState<Partial<Record<SurveyDimension, number>>>({});
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [local, setLocal] = useState<Partial<Record<'answeredOn' | 'scores', string>>>({});

  const server = add.isError ? fieldErrors(add.error, language) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems: typeof local = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(answeredOn)) problems.answeredOn = t('surveys.entry.dateRequired');
    else if (answeredOn > todayIso()) problems.answeredOn = t('surveys.entry.dateFuture');
    if (!hasAnyAnswer({ ...scores, nps })) problems.scores = t('surveys.entry.needAnswer');
    setLocal(problems);
    if (Object.keys(problems).length > 0) return;
    add.mutate(
      {
        clientId,
        answeredOn,
        ...(contactId ? { contactId: Number(contactId) } : {}),
        ...scores,
        ...(nps !== null ? { nps } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      },
      {
        onSuccess: () => {
          notify(t('surveys.entry.saved'));
          onDone();
        },
      },
    );
  };
  const scoresProblem = local.scores ?? server.scores;

  return (
    <form onSubmit={submit} noValidate data-testid="survey-entry-form">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('surveys.entry.intro')}
        </Text>
        {add.isError ? <FormProblem error={add.error} shownFields={shownFields} /> : null}
        <Group grow align="flex-start" wrap="wrap">
          <TextInput
            label={t('surveys.entry.answeredOn')}
            type="date"
            required
            max={todayIso()}
            value={answeredOn}
            onChange={(e) => {
              setAnsweredOn(e.currentTarget.value);
              setLocal(({ answeredOn: _gone, ...rest }) => rest);
            }}
            error={local.answeredOn ?? server.answeredOn}
          />
          <ContactSelect
            contacts={contacts}
            label={t('surveys.entry.contact')}
            placeholder={t('surveys.entry.contactPlaceholder')}
            value={contactId}
            onChange={setContactId}
            error={server.contactId}
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
                setLocal(({ scores: _gone, ...rest }) => rest);
                setScores(({ [d]: _old, ...rest }) => (value === null ? rest : { ...rest, [d]: value }));
              }}
              error={server[d]}
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
            setLocal(({ scores: _gone, ...rest }) => rest);
            setNps(value);
          }}
          error={server.nps}
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
          onChange={(e) => setComment(e.currentTarget.value)}
          error={server.comment}
        />
        {scoresProblem ? (
          <Alert color="red" variant="light" role="alert">
            {scoresProblem}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} disabled={add.isPending}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending} data-testid="survey-entry-submit">
            {t('surveys.entry.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
