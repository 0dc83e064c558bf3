/**
 * The survey a client's contact answers through a one-time link (/survey/:token): no sign-in, no app
 * shell, in the link's language. Six dimensions on 1–5, the NPS question on 0–10, a comment.
 */
import { Alert, Button, Center, Container, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
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
import { LanguageSwitch } from '../../components/LanguageSwitch.js';
import { ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { isApiError, isNotFound } from '../../lib/api.js';
import { formatDate } from '../../lib/format.js';
import { changeLanguage, i18n, useLanguage } from '../../lib/i18n.js';
import { fieldErrors } from '../../lib/problem.js';
import { closedLink, useAnswerPublicSurvey, usePublicSurvey, type PublicSurveyT } from './api.js';
import { ScoreScale } from './ScoreScale.js';

export default function PublicSurveyPage() {
  const { token = '' } = useParams();
  const survey = usePublicSurvey(token);
  const closed = closedLink(survey.error);
  const locale = survey.data?.locale ?? closed?.locale ?? null;

  // The link's language, for this page only (the visitor's own choice, if any, stays remembered).
  useEffect(() => {
    if (locale && i18n.language !== locale) void changeLanguage(locale, { remember: false });
  }, [locale]);

  let body;
  if (survey.isPending) body = <PageLoader />;
  else if (survey.data) body = <SurveyForm token={token} survey={survey.data} />;
  else body = <Closed error={survey.error} onRetry={() => void survey.refetch()} />;

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Container size="sm" w="100%">
        <Stack gap="sm">
          <Group justify="flex-end">
            <LanguageSwitch />
          </Group>
          <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }} shadow="xs">
            {body}
          </Paper>
        </Stack>
      </Container>
    </Center>
  );
}

/** Why the survey cannot be answered: answered, expired, unknown, too many requests, or another failure. */
function Closed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const closed = closedLink(error);
  let title: string;
  let text: string;
  if (closed?.reason === 'answered')
    [title, text] = [t('surveys.public.answeredTitle'), t('surveys.public.answeredText')];
  else if (closed) [title, text] = [t('surveys.public.expiredTitle'), t('surveys.public.expiredText')];
  else if (isNotFound(error)) [title, text] = [t('surveys.public.unknownTitle'), t('surveys.public.unknownText')];
  else if (isApiError(error) && error.status === 429)
    [title, text] = [t('surveys.public.tooManyTitle'), t('surveys.public.tooManyText')];
  else return <ErrorAlert error={error} onRetry={onRetry} />;
  return (
    <Stack
      gap="xs"
      data-testid="public-survey-closed"
      data-reason={closed?.reason ?? (isNotFound(error) ? 'unknown' : 'limited')}
    >
      <Title order={1} size="h3">
        {title}
      </Title>
      <Text>{text}</Text>
    </Stack>
  );
}

type Scores = Partial<Record<SurveyDimension, number>>;

function SurveyForm({ token, survey }: { token: string; survey: PublicSurveyT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const answer = useAnswerPublicSurvey(token);
  const [scores, setScores] = useState<Scores>({});
  const [nps, setNps] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [needAnswer, setNeedAnswer] = useState(false);

  if (answer.isSuccess) {
    return (
      <Stack gap="xs" data-testid="public-survey-thanks" role="status">
        <Title order={1} size="h3">
          {t('surveys.public.thanksTitle')}
        </Title>
        <Text>{t('surveys.public.thanksText')}</Text>
      </Stack>
    );
  }
  if (answer.isError && (closedLink(answer.error) || (isApiError(answer.error) && answer.error.status === 429))) {
    return <Closed error={answer.error} onRetry={() => answer.reset()} />;
  }

  const server = answer.isError ? fieldErrors(answer.error, language) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const given = { ...scores, nps };
    if (!hasAnyAnswer(given)) {
      setNeedAnswer(true);
      return;
    }
    answer.mutate({ scores, ...(nps !== null ? { nps } : {}), ...(comment.trim() ? { comment: comment.trim() } : {}) });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Stack gap={6}>
          <Text size="sm" c="dimmed">
            {t('surveys.public.title')}
          </Text>
          <Title order={1} size="h2">
            {survey.contactName
              ? t('surveys.public.greeting', { name: survey.contactName })
              : t('surveys.public.greetingAnonymous')}
          </Title>
          <Text>{t('surveys.public.intro', { organization: survey.organization, client: survey.client })}</Text>
          <Text size="sm" c="dimmed">
            {t('surveys.public.validUntil', { date: formatDate(survey.expiresAt, language) })}
          </Text>
        </Stack>
        {surveyDimensions.map((d) => (
          <ScoreScale
            key={d}
            label={t(`surveys.questions.${d}`)}
            hint={t('surveys.scaleHint')}
            min={SCORE_MIN}
            max={SCORE_MAX}
            value={scores[d] ?? null}
            onChange={(value) => {
              setNeedAnswer(false);
              setScores(({ [d]: _old, ...rest }) => (value === null ? rest : { ...rest, [d]: value }));
            }}
            error={server[`scores.${d}`]}
            size="md"
            testId={`public-survey-${d}`}
          />
        ))}
        <ScoreScale
          label={t('surveys.questions.nps')}
          hint={t('surveys.npsHint')}
          min={NPS_MIN}
          max={NPS_MAX}
          value={nps}
          onChange={(value) => {
            setNeedAnswer(false);
            setNps(value);
          }}
          error={server.nps}
          testId="public-survey-nps"
        />
        <Textarea
          label={t('surveys.public.comment')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={COMMENT_MAX}
          value={comment}
          onChange={(e) => setComment(e.currentTarget.value)}
          error={server.comment}
        />
        {needAnswer ? (
          <Alert color="red" variant="light" role="alert">
            {t('surveys.public.needAnswer')}
          </Alert>
        ) : null}
        {answer.isError && Object.keys(server).length === 0 ? <ErrorAlert error={answer.error} /> : null}
        <Group justify="space-between" align="center">
          <Text size="xs" c="dimmed">
            {t('surveys.public.poweredBy')}
          </Text>
          <Button type="submit" size="md" loading={answer.isPending} data-testid="public-survey-submit">
            {t('surveys.public.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
