/** The loyalty ladder over a period: who climbed, stayed or fell, and where clients stand at its end. */
import { Anchor, Badge, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatMonth, formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useLadder, type FunnelT } from './api.js';
import { addMonths, monthEnd, todayIso } from '../../lib/dates.js';
import { ladderRank, ladderStages, segmentLabel } from '../../lib/segments.js';
import { clientsHref } from './links.js';
import { BarRows, tint, tintText } from './ui.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { FigureCard } from '../../components/FigureCard.js';
import { PeriodText } from '../../components/PeriodText.js';
import { Section } from '../../components/Section.js';
import classes from './analytics.module.css';
import { WideTable } from '../../components/WideTable.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTHS_BACK = 47;
/** Stages from the top of the ladder down, lost last. */
const topDown = [...ladderStages.filter((s) => s !== 'lost').reverse(), 'lost'];
const rankOf = (stage: string) => (ladderRank as Record<string, number>)[stage] ?? 0;

/** The last four years of months, newest first, as select options ("11.2026"). */
function monthOptions(language: string): { value: string; label: string }[] {
  const current = `${todayIso().slice(0, 7)}-01`;
  return Array.from({ length: MONTHS_BACK + 1 }, (_, i) => {
    const m = addMonths(current, -i).slice(0, 7);
    return { value: m, label: formatMonth(m, language) };
  });
}

export default function LadderPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const fromParam = params.get('from');
  const toParam = params.get('to');
  const from = fromParam && MONTH.test(fromParam) ? fromParam : null;
  const to = toParam && MONTH.test(toParam) ? toParam : null;
  const funnel = useLadder(from, to);
  const options = monthOptions(language);
  const shownFrom = from ?? funnel.data?.period.from.slice(0, 7) ?? null;
  const shownTo = to ?? funnel.data?.period.to.slice(0, 7) ?? null;

  const set = (key: 'from' | 'to', value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        // Keep the other end explicit so the period does not jump when one end changes.
        const other = key === 'from' ? 'to' : 'from';
        const otherValue = key === 'from' ? shownTo : shownFrom;
        if (!next.get(other) && otherValue) next.set(other, otherValue);
        return next;
      },
      { replace: true },
    );

  const badOrder = shownFrom !== null && shownTo !== null && shownFrom > shownTo;

  let body;
  if (funnel.isPending) body = <PageLoader />;
  else if (funnel.isError && !funnel.data)
    body = <ErrorAlert error={funnel.error} onRetry={() => void funnel.refetch()} />;
  else if (funnel.data) {
    body =
      funnel.data.transitions.length === 0 ? (
        <EmptyBlock title={t('analytics.noDataTitle')} description={t('analytics.noDataDescription')} />
      ) : (
        <FunnelView funnel={funnel.data} />
      );
  }

  return (
    <Stack gap="md">
      <Section
        title={t('ladder.title')}
        description={t('ladder.description')}
        actions={<ExportButtons path="/analytics/ladder" query={{ from, to }} testIdPrefix="ladder-export" />}
      >
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Select
            w={160}
            label={t('ladder.from')}
            data={options}
            value={shownFrom}
            onChange={(v) => set('from', v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            data-testid="ladder-from"
          />
          <Select
            w={160}
            label={t('ladder.to')}
            data={options}
            value={shownTo}
            onChange={(v) => set('to', v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={badOrder ? t('ladder.badOrder') : undefined}
            data-testid="ladder-to"
          />
          {funnel.data ? (
            <Text size="sm" c="dimmed" pb={8}>
              <PeriodText from={funnel.data.period.from} to={monthEnd(funnel.data.period.to)} />
              {funnel.isFetching ? ` · ${t('clients.updating')}` : ''}
            </Text>
          ) : null}
        </Group>
        {funnel.isError && funnel.data ? <ErrorAlert error={funnel.error} /> : null}
      </Section>
      {body}
    </Stack>
  );
}

function FunnelView({ funnel }: { funnel: FunnelT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const total = funnel.climbed + funnel.stayed + funnel.fell;
  const endCounts = new Map<string, number>();
  for (const tr of funnel.transitions) endCounts.set(tr.to, (endCounts.get(tr.to) ?? 0) + tr.clients);
  const stages = [...topDown, ...[...endCounts.keys()].filter((s) => !topDown.includes(s))];
  const bars = stages.map((stage) => ({
    name: segmentLabel('ladderStage', stage, language),
    value: endCounts.get(stage) ?? 0,
    stage,
    color: stage === 'lost' ? 'red.5' : rankOf(stage) >= 4 ? 'teal.6' : rankOf(stage) >= 2 ? 'indigo.5' : 'gray.5',
  }));
  const share = (n: number) => formatPercent(total ? n / total : null, language, 1);

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
        <FigureCard
          testId="ladder-climbed"
          label={t('ladder.climbed')}
          value={formatNumber(funnel.climbed, language)}
          tone="good"
          hint={t('ladder.ofAll', { share: share(funnel.climbed) })}
        />
        <FigureCard
          testId="ladder-stayed"
          label={t('ladder.stayed')}
          value={formatNumber(funnel.stayed, language)}
          hint={t('ladder.ofAll', { share: share(funnel.stayed) })}
        />
        <FigureCard
          testId="ladder-fell"
          label={t('ladder.fell')}
          value={formatNumber(funnel.fell, language)}
          tone={funnel.fell > 0 ? 'bad' : undefined}
          hint={t('ladder.ofAll', { share: share(funnel.fell) })}
        />
      </SimpleGrid>
      <Stack gap="md">
        <Section title={t('ladder.endTitle')} description={t('ladder.endDescription')}>
          <BarRows
            testIdPrefix="ladder-stage"
            rows={bars.map((b) => ({
              key: b.stage,
              label: b.name,
              value: b.value,
              color: b.color,
              display: formatNumber(b.value, language),
              to: clientsHref({ ladderStage: b.stage }),
              ariaLabel: t('dashboard.openStage', { stage: b.name, clients: b.value }),
            }))}
          />
        </Section>
        <Section title={t('ladder.transitionsTitle')} description={t('ladder.transitionsDescription')}>
          <TransitionTable funnel={funnel} stages={stages} />
        </Section>
      </Stack>
    </Stack>
  );
}

function TransitionTable({ funnel, stages }: { funnel: FunnelT; stages: string[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = new Map(funnel.transitions.map((tr) => [`${tr.from}:${tr.to}`, tr.clients]));
  const fromStages = stages.filter((s) => funnel.transitions.some((tr) => tr.from === s));
  const toStages = stages.filter((s) => funnel.transitions.some((tr) => tr.to === s));
  const max = Math.max(1, ...funnel.transitions.map((tr) => tr.clients));
  return (
    <Stack gap="xs">
      <WideTable minWidth={0} label={t('ladder.transitionsTitle')}>
        <table className={classes.heat} aria-label={t('ladder.transitionsTitle')} data-testid="ladder-transitions">
          <thead>
            <tr>
              <th scope="col">{t('ladder.fromTo')}</th>
              {toStages.map((s) => (
                <th key={s} scope="col">
                  <Anchor component={Link} to={clientsHref({ ladderStage: s })} size="xs" fw={600}>
                    {segmentLabel('ladderStage', s, language)}
                  </Anchor>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {fromStages.map((from) => (
              <tr key={from}>
                <th scope="row" style={{ textAlign: 'left' }}>
                  {segmentLabel('ladderStage', from, language)}
                </th>
                {toStages.map((to) => {
                  const n = count.get(`${from}:${to}`) ?? 0;
                  const direction = rankOf(to) > rankOf(from) ? 'teal' : rankOf(to) < rankOf(from) ? 'red' : 'gray';
                  const strength = n ? 0.15 + 0.7 * (n / max) : 0;
                  return (
                    <td key={to}>
                      <div
                        className={classes.smallCell}
                        style={{ background: n ? tint(direction, strength) : undefined, color: tintText(strength) }}
                        title={t('ladder.transitionCell', {
                          from: segmentLabel('ladderStage', from, language),
                          to: segmentLabel('ladderStage', to, language),
                          clients: n,
                        })}
                      >
                        {n ? formatNumber(n, language) : '·'}
                      </div>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
      <Group gap="xs">
        <Badge color="teal" variant="light">
          {t('ladder.legendClimbed')}
        </Badge>
        <Badge color="gray" variant="light">
          {t('ladder.legendStayed')}
        </Badge>
        <Badge color="red" variant="light">
          {t('ladder.legendFell')}
        </Badge>
      </Group>
    </Stack>
  );
}
