/** Cohorts by the quarter of first purchase: what share of each still buys N quarters later. */
import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useCohorts, type CohortsT } from './api.js';
import { addMonths, periodComplete, todayIso, usePeriodLabel } from '../../lib/dates.js';
import { cohortHref } from './links.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { Section } from '../../components/Section.js';
import { tint, tintText } from './ui.js';
import classes from './analytics.module.css';
import { WideTable } from '../../components/WideTable.js';

export default function CohortsPage() {
  const { t } = useTranslation();
  const cohorts = useCohorts();
  let body;
  if (cohorts.isPending) body = <PageLoader />;
  else if (cohorts.isError) body = <ErrorAlert error={cohorts.error} onRetry={() => void cohorts.refetch()} />;
  else if (cohorts.data.cohorts.length === 0)
    body = <EmptyBlock title={t('analytics.noDataTitle')} description={t('analytics.noDataDescription')} />;
  else body = <CohortTable cohorts={cohorts.data.cohorts} />;
  return (
    <Section
      title={t('cohorts.title')}
      description={t('cohorts.description')}
      actions={<ExportButtons path="/analytics/cohorts" query={{}} testIdPrefix="cohorts-export" />}
    >
      {body}
    </Section>
  );
}

function CohortTable({ cohorts }: { cohorts: CohortsT['cohorts'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const periodLabel = usePeriodLabel();
  const width = Math.max(...cohorts.map((c) => c.retained.length));
  const offsets = Array.from({ length: width }, (_, i) => i);
  const today = todayIso();
  // The quarter that has not ended: its cells (the last of each cohort) are still filling up.
  const running = (cohort: string, k: number) => !periodComplete(addMonths(cohort, 3 * k), 'quarter', today);
  const runningQuarter = cohorts
    .map((c) => addMonths(c.cohort, 3 * (c.retained.length - 1)))
    .find((q) => !periodComplete(q, 'quarter', today));
  return (
    <Stack gap="sm">
      <WideTable minWidth={0} label={t('cohorts.title')}>
        <table className={classes.heat} aria-label={t('cohorts.title')} data-testid="cohorts-table">
          <thead>
            <tr>
              <th scope="col" style={{ textAlign: 'left' }}>
                {t('cohorts.cohort')}
              </th>
              <th scope="col">{t('cohorts.size')}</th>
              {offsets.map((k) => (
                <th key={k} scope="col">
                  {k === 0 ? t('cohorts.firstQuarter') : t('cohorts.quarterN', { n: k })}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cohorts.map((c) => (
              <tr key={c.cohort}>
                <th scope="row" style={{ textAlign: 'left' }}>
                  <Anchor
                    component={Link}
                    to={cohortHref(c.cohort)}
                    size="sm"
                    fw={600}
                    aria-label={t('cohorts.openClients', {
                      cohort: periodLabel(c.cohort, 'quarter'),
                      size: formatNumber(c.size, language),
                    })}
                    data-testid={`cohort-link-${c.cohort}`}
                  >
                    {periodLabel(c.cohort, 'quarter')}
                  </Anchor>
                </th>
                <td className={classes.num}>{formatNumber(c.size, language)}</td>
                {offsets.map((k) => {
                  const n = c.retained[k];
                  if (n === undefined) return <td key={k} aria-hidden />;
                  const share = c.size ? n / c.size : 0;
                  const open = running(c.cohort, k);
                  return (
                    <td key={k}>
                      <div
                        className={open ? `${classes.smallCell} ${classes.runningCell}` : classes.smallCell}
                        data-running={open || undefined}
                        style={{ background: tint('teal', share), color: tintText(share) }}
                        title={`${t('cohorts.cell', {
                          cohort: periodLabel(c.cohort, 'quarter'),
                          n: k,
                          retained: n,
                          size: c.size,
                        })}${open ? ` ${t('retention.quarterRunning')}` : ''}`}
                      >
                        {formatPercent(share, language, 1)}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
      {runningQuarter ? (
        <Group gap={6} wrap="nowrap" data-testid="cohorts-running">
          <span className={classes.runningSwatch} aria-hidden />
          <Text size="xs" c="dimmed">
            {t('cohorts.runningNote', { quarter: periodLabel(runningQuarter, 'quarter') })}
          </Text>
        </Group>
      ) : null}
      <Text size="sm" c="dimmed">
        {t('cohorts.howToRead')} {t('cohorts.clickHint')}
      </Text>
    </Stack>
  );
}
