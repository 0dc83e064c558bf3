/**
 * The client card's "surveys" tab (docs/domain.md §3: satisfaction over time, not one field):
 * the latest scores, the trend per dimension, every answer, and the one-time links sent.
 */
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { surveyDimensions } from '../../../core/surveys/satisfaction.js';
import { ConfirmDelete } from '../../components/ConfirmDelete.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDate, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { notify } from '../../lib/notify.js';
import { useClientCard } from '../../lib/clientCard.js';
import {
  RESPONSES_PAGE_SIZE,
  useClientSurveys,
  useDeleteSurvey,
  useSurveyTrends,
  type SurveyGrain,
  type SurveyResponseT,
  type SurveyTrendsT,
} from './api.js';
import { DimensionTrendChart, GrainSwitch, formatNps, formatScore } from './SurveyCharts.js';
import { SurveyEntryForm } from './SurveyEntryForm.js';
import { SurveyLinkForm, SurveyLinksTable } from './SurveyLinks.js';
import { WideTable } from '../../components/WideTable.js';

export default function ClientSurveysPanel({ clientId, writable }: { clientId: number; writable: boolean }) {
  const { t } = useTranslation();
  const card = useClientCard(clientId);
  const contacts = card.data?.contacts ?? [];
  const [grain, setGrain] = useState<SurveyGrain>('quarter');
  const trends = useSurveyTrends({ clientId, grain });
  const [dialog, setDialog] = useState<'entry' | 'link' | null>(null);

  return (
    <Stack gap="md" data-testid="client-surveys">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
          <div>
            <Title order={2} size="h4">
              {t('surveys.panel.title')}
            </Title>
            <Text size="sm" c="dimmed" maw={720}>
              {t('surveys.panel.description')}
            </Text>
          </div>
          {writable ? (
            <Group gap="xs">
              <Button onClick={() => setDialog('entry')} data-testid="survey-enter">
                {t('surveys.panel.enter')}
              </Button>
              <Button variant="light" onClick={() => setDialog('link')} data-testid="survey-send-link">
                {t('surveys.panel.sendLink')}
              </Button>
            </Group>
          ) : null}
        </Group>
        {trends.data ? <LatestScores trends={trends.data} /> : null}
      </Paper>

      <Paper withBorder radius="md" p="md" component="section" aria-label={t('surveys.panel.trendTitle')}>
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={3} size="h5">
            {t('surveys.panel.trendTitle')}
          </Title>
          <GrainSwitch value={grain} onChange={setGrain} testId="client-survey-grain" />
        </Group>
        {trends.isPending ? (
          <PageLoader minHeight={200} />
        ) : trends.isError ? (
          <ErrorAlert error={trends.error} onRetry={() => void trends.refetch()} />
        ) : trends.data.total.responses === 0 ? (
          <Text size="sm" c="dimmed">
            {t('surveys.panel.trendEmpty')}
          </Text>
        ) : (
          <DimensionTrendChart
            trends={trends.data}
            label={t('surveys.panel.trendTitle')}
            testId="client-survey-trend"
          />
        )}
      </Paper>

      <Paper withBorder radius="md" p="md" component="section" aria-label={t('surveys.panel.responsesTitle')}>
        <Title order={3} size="h5" mb="sm">
          {t('surveys.panel.responsesTitle')}
        </Title>
        <ResponsesTable clientId={clientId} writable={writable} />
      </Paper>

      <Paper withBorder radius="md" p="md" component="section" aria-label={t('surveys.links.title')}>
        <Title order={3} size="h5" mb="sm">
          {t('surveys.links.title')}
        </Title>
        <SurveyLinksTable clientId={clientId} writable={writable} />
      </Paper>

      <Modal
        opened={dialog === 'entry'}
        onClose={() => setDialog(null)}
        title={t('surveys.entry.title')}
        size="xl"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <SurveyEntryForm
          clientId={clientId}
          contacts={contacts}
          onDone={() => setDialog(null)}
          onCancel={() => setDialog(null)}
        />
      </Modal>
      <Modal
        opened={dialog === 'link'}
        onClose={() => setDialog(null)}
        title={t('surveys.links.createTitle')}
        size="lg"
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <SurveyLinkForm clientId={clientId} contacts={contacts} onClose={() => setDialog(null)} />
      </Modal>
    </Stack>
  );
}

/** The client's most recent answer, dimension by dimension. */
function LatestScores({ trends }: { trends: SurveyTrendsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const enumLabel = useEnumLabel();
  const latest = trends.latest[0];
  if (!latest)
    return (
      <Text size="sm" c="dimmed" mt="sm">
        {t('surveys.panel.noLatest')}
      </Text>
    );
  return (
    <Stack gap={6} mt="md" data-testid="client-survey-latest">
      <Text size="sm" fw={500}>
        {t('surveys.panel.latestTitle')} ·{' '}
        {t('surveys.panel.latestOn', { date: formatDate(latest.answeredOn, language) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 8 }} spacing="xs">
        {surveyDimensions.map((d) => (
          <Figure
            key={d}
            label={enumLabel('surveyDimension', d)}
            value={latest[d] === null ? NO_VALUE : String(latest[d])}
            tone={scoreTone(latest[d])}
          />
        ))}
        <Figure
          label={t('surveys.overall')}
          value={formatScore(latest.overall, language)}
          tone={scoreTone(latest.overall)}
        />
        <Figure
          label={t('surveys.npsQuestion')}
          value={latest.nps === null ? NO_VALUE : String(latest.nps)}
          tone={latest.nps === null ? undefined : latest.nps >= 9 ? 'good' : latest.nps <= 6 ? 'bad' : undefined}
        />
      </SimpleGrid>
      {trends.total.nps !== null ? (
        <Text size="xs" c="dimmed">
          {t('surveys.page.nps')}: {formatNps(trends.total.nps, language)} · {t('surveys.page.npsHint')}
        </Text>
      ) : null}
    </Stack>
  );
}

const scoreTone = (v: number | null): 'good' | 'bad' | undefined =>
  v === null ? undefined : v >= 4 ? 'good' : v < 3 ? 'bad' : undefined;

function Figure({ label, value, tone }: { label: string; value: string; tone: 'good' | 'bad' | undefined }) {
  return (
    <Paper withBorder radius="sm" p="xs">
      <Text size="xs" c="dimmed" lineClamp={2}>
        {label}
      </Text>
      <Text fw={700} fz="lg" c={tone === 'good' ? 'teal.7' : tone === 'bad' ? 'red.7' : undefined}>
        {value}
      </Text>
    </Paper>
  );
}

function ResponsesTable({ clientId, writable }: { clientId: number; writable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const enumLabel = useEnumLabel();
  const [page, setPage] = useState(1);
  const responses = useClientSurveys(clientId, page);
  const remove = useDeleteSurvey();
  const [deleting, setDeleting] = useState<SurveyResponseT | null>(null);

  if (responses.isPending) return <PageLoader minHeight={120} />;
  if (responses.isError) return <ErrorAlert error={responses.error} onRetry={() => void responses.refetch()} />;
  const { items, total } = responses.data;
  if (total === 0)
    return <EmptyBlock title={t('surveys.panel.responsesEmpty')} description={t('surveys.panel.responsesEmptyHint')} />;
  const first = (page - 1) * RESPONSES_PAGE_SIZE + 1;
  const score = (v: number | null) =>
    v === null ? (
      <Text span c="dimmed">
        {NO_VALUE}
      </Text>
    ) : (
      <Text span fw={600} c={scoreTone(v) === 'bad' ? 'red.7' : undefined}>
        {v}
      </Text>
    );

  return (
    <Stack gap="sm">
      <WideTable minWidth={1100} label={t('surveys.panel.responsesCaption')}>
        <Table
          verticalSpacing="xs"
          striped
          aria-label={t('surveys.panel.responsesCaption')}
          data-testid="survey-responses-table"
          aria-busy={responses.isPlaceholderData || undefined}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('surveys.panel.answeredOn')}</Table.Th>
              {surveyDimensions.map((d) => (
                <Table.Th key={d} ta="center">
                  {enumLabel('surveyDimension', d)}
                </Table.Th>
              ))}
              <Table.Th ta="center">{t('surveys.npsShort')}</Table.Th>
              <Table.Th>{t('surveys.panel.contact')}</Table.Th>
              <Table.Th>{t('surveys.panel.channel')}</Table.Th>
              <Table.Th>{t('surveys.panel.comment')}</Table.Th>
              {writable ? (
                <Table.Th>
                  <VisuallyHidden>{t('surveys.panel.actions')}</VisuallyHidden>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id} data-channel={r.channel}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.answeredOn, language)}</Table.Td>
                {surveyDimensions.map((d) => (
                  <Table.Td key={d} ta="center">
                    {score(r[d])}
                  </Table.Td>
                ))}
                <Table.Td ta="center">
                  {r.nps === null ? (
                    <Text span c="dimmed">
                      {NO_VALUE}
                    </Text>
                  ) : (
                    <Text span fw={600}>
                      {r.nps}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.contactName ?? NO_VALUE}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.channel === 'link' ? 'violet' : 'blue'}>
                    {enumLabel('surveyChannel', r.channel)}
                  </Badge>
                  {r.userName ? (
                    <Text size="xs" c="dimmed">
                      {r.userName}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" lineClamp={3} title={r.comment ?? undefined}>
                    {r.comment ?? NO_VALUE}
                  </Text>
                </Table.Td>
                {writable ? (
                  <Table.Td>
                    <Tooltip label={t('surveys.panel.delete')}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('surveys.panel.delete')}
                        onClick={() => setDeleting(r)}
                      >
                        <span aria-hidden>✕</span>
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {total > RESPONSES_PAGE_SIZE ? (
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('surveys.panel.pageOf', { from: first, to: first + items.length - 1, total })}
          </Text>
          <Group gap="xs">
            <Button size="xs" variant="default" disabled={page === 1} onClick={() => setPage(page - 1)}>
              {t('surveys.panel.previous')}
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={first + items.length - 1 >= total}
              onClick={() => setPage(page + 1)}
            >
              {t('surveys.panel.next')}
            </Button>
          </Group>
        </Group>
      ) : null}
      <ConfirmDelete
        opened={deleting !== null}
        title={t('surveys.panel.deleteTitle')}
        message={t('surveys.panel.deleteMessage', { date: deleting ? formatDate(deleting.answeredOn, language) : '' })}
        pending={remove.isPending}
        error={remove.error}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notify(t('surveys.panel.deleted'));
              setDeleting(null);
            },
          })
        }
      />
    </Stack>
  );
}
