/**
 * Satisfaction across the company (/analytics/satisfaction): the average per dimension and the NPS
 * per period, the weakest dimension, and the clients who rate us lowest, each opening its surveys tab.
 */
import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { surveyDimensions } from '../../../core/surveys/satisfaction.js';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatDate, formatNumber, NO_VALUE } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useEnumLabel } from '../../lib/labels.js';
import { FigureCard } from '../../components/FigureCard.js';
import { Section } from '../../components/Section.js';
import { useSurveyTrends, type SurveyGrain, type SurveyTrendsT } from './api.js';
import {
  DimensionTrendChart,
  GrainSwitch,
  NpsTrendChart,
  formatNps,
  formatScore,
  useSurveyPeriodLabel,
} from './SurveyCharts.js';
import { WideTable } from '../../components/WideTable.js';

export default function SatisfactionPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const grainParam = params.get('grain');
  const grain: SurveyGrain = grainParam === 'month' || grainParam === 'year' ? grainParam : 'quarter';
  const trends = useSurveyTrends({ grain });
  const setGrain = (value: SurveyGrain) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'quarter') next.delete('grain');
        else next.set('grain', value);
        return next;
      },
      { replace: true },
    );

  let body;
  if (trends.isPending) body = <PageLoader />;
  else if (trends.isError && !trends.data)
    body = <ErrorAlert error={trends.error} onRetry={() => void trends.refetch()} />;
  else if (trends.data && trends.data.total.responses === 0)
    body = <EmptyBlock title={t('surveys.page.emptyTitle')} description={t('surveys.page.emptyDescription')} />;
  else if (trends.data) body = <SatisfactionView trends={trends.data} />;

  return (
    <Section
      title={t('surveys.page.title')}
      description={t('surveys.page.description')}
      actions={<GrainSwitch value={grain} onChange={setGrain} testId="satisfaction-grain" />}
      testId="satisfaction-page"
    >
      {body}
    </Section>
  );
}

function SatisfactionView({ trends }: { trends: SurveyTrendsT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const enumLabel = useEnumLabel();
  const periodLabel = useSurveyPeriodLabel();
  const grain = trends.grain as SurveyGrain;
  const total = trends.total;
  const weakest = trends.weakestDimension;
  const range = t('analytics.periodRange', {
    from: formatDate(trends.from, language),
    to: formatDate(trends.to, language),
  });

  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
        <FigureCard
          label={t('surveys.page.responses')}
          value={formatNumber(total.responses, language)}
          hint={range}
          testId="satisfaction-responses"
        />
        <FigureCard
          label={t('surveys.page.overall')}
          value={formatScore(total.overall, language)}
          tone={total.overall !== null && total.overall < 3 ? 'bad' : undefined}
          testId="satisfaction-overall"
        />
        <FigureCard
          label={t('surveys.page.nps')}
          value={formatNps(total.nps, language)}
          hint={t('surveys.page.npsHint')}
          tone={total.nps !== null ? (total.nps < 0 ? 'bad' : 'good') : undefined}
          testId="satisfaction-nps"
        />
        <FigureCard
          label={t('surveys.page.weakest')}
          value={weakest ? enumLabel('surveyDimension', weakest.dimension) : t('surveys.page.none')}
          hint={weakest ? t('surveys.page.weakestHint', { value: formatScore(weakest.average, language) }) : undefined}
          tone={weakest && weakest.average < 3 ? 'bad' : undefined}
          testId="satisfaction-weakest"
        />
      </SimpleGrid>

      <div>
        <Title order={3} size="h5" mb="xs">
          {t('surveys.page.dimensionsChart')}
        </Title>
        <DimensionTrendChart
          trends={trends}
          height={320}
          label={t('surveys.page.dimensionsChart')}
          testId="satisfaction-dimensions-chart"
        />
      </div>
      <div>
        <Title order={3} size="h5" mb="xs">
          {t('surveys.page.npsChart')}
        </Title>
        <NpsTrendChart trends={trends} label={t('surveys.page.npsChart')} testId="satisfaction-nps-chart" />
      </div>

      <div>
        <Title order={3} size="h5" mb={2}>
          {t('surveys.page.lowestTitle')}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t('surveys.page.lowestDescription')}
        </Text>
        {trends.lowestClients.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('surveys.page.lowestEmpty')}
          </Text>
        ) : (
          <WideTable minWidth={720} label={t('surveys.page.lowestCaption')}>
            <Table
              verticalSpacing="xs"
              striped
              aria-label={t('surveys.page.lowestCaption')}
              data-testid="satisfaction-lowest"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('surveys.page.client')}</Table.Th>
                  <Table.Th ta="right">{t('surveys.overall')}</Table.Th>
                  <Table.Th>{t('surveys.page.weakestDimension')}</Table.Th>
                  <Table.Th ta="right">{t('surveys.page.nps')}</Table.Th>
                  <Table.Th ta="right">{t('surveys.page.responses')}</Table.Th>
                  <Table.Th>{t('surveys.page.lastAnswer')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {trends.lowestClients.map((c) => (
                  <Table.Tr key={c.clientId}>
                    <Table.Td>
                      <Anchor component={Link} to={`/clients/${c.clientId}?tab=surveys`} size="sm" fw={600}>
                        {c.clientName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={600} c={c.overall < 3 ? 'red.7' : undefined}>
                        {formatScore(c.overall, language)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {c.weakestDimension ? (
                        <Group gap={6} wrap="nowrap">
                          <Badge
                            variant="light"
                            color={c.weakestAverage !== null && c.weakestAverage < 3 ? 'red' : 'gray'}
                          >
                            {enumLabel('surveyDimension', c.weakestDimension)}
                          </Badge>
                          <Text size="sm" c="dimmed">
                            {formatScore(c.weakestAverage, language)}
                          </Text>
                        </Group>
                      ) : (
                        NO_VALUE
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{formatNps(c.nps, language)}</Table.Td>
                    <Table.Td ta="right">{formatNumber(c.responses, language)}</Table.Td>
                    <Table.Td>{formatDate(c.lastAnsweredOn, language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        )}
      </div>

      <div>
        <Title order={3} size="h5" mb="xs">
          {t('surveys.page.periodsTitle')}
        </Title>
        <WideTable minWidth={900} label={t('surveys.page.periodsCaption')}>
          <Table verticalSpacing="xs" aria-label={t('surveys.page.periodsCaption')} data-testid="satisfaction-periods">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('surveys.page.period')}</Table.Th>
                <Table.Th ta="right">{t('surveys.page.responses')}</Table.Th>
                {surveyDimensions.map((d) => (
                  <Table.Th key={d} ta="right">
                    {enumLabel('surveyDimension', d)}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('surveys.overall')}</Table.Th>
                <Table.Th ta="right">{t('surveys.page.nps')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...trends.periods].reverse().map((p) => (
                <Table.Tr key={p.period}>
                  <Table.Td fw={600}>{periodLabel(p.period, grain)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.responses, language)}</Table.Td>
                  {surveyDimensions.map((d) => (
                    <Table.Td key={d} ta="right" c={p.averages[d] !== null && p.averages[d]! < 3 ? 'red.7' : undefined}>
                      {formatScore(p.averages[d], language)}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={600}>
                    {formatScore(p.overall, language)}
                  </Table.Td>
                  <Table.Td ta="right">{formatNps(p.nps, language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      </div>
      <Text size="sm" c="dimmed">
        {t('surveys.page.howToRead')}
      </Text>
    </Stack>
  );
}
