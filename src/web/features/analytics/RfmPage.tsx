/** RFM: how recently, how often and how much clients buy, as named segments and the R × F grid. */
import { SimpleGrid, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatMoney, formatMoneyCompact, formatNumber, kopecksOf } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useRfm, type RfmMapT } from './api.js';
import { rfmSegments, segmentLabel } from '../../lib/segments.js';
import { clientsHref, rfScoreHref } from './links.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { Section } from '../../components/Section.js';
import { tint, tintText } from './ui.js';
import classes from './analytics.module.css';
import { WideTable } from '../../components/WideTable.js';

/** A hue per segment: green for the best, through yellow and orange, to red and grey for the leaving. */
const segmentHue: Record<string, string> = {
  champions: 'teal',
  loyal: 'green',
  potential_loyalists: 'lime',
  recent: 'cyan',
  promising: 'blue',
  need_attention: 'yellow',
  about_to_sleep: 'orange',
  at_risk: 'red',
  cant_lose: 'pink',
  hibernating: 'violet',
  lost: 'gray',
};

export default function RfmPage() {
  const { t } = useTranslation();
  const rfm = useRfm();
  let body;
  if (rfm.isPending) body = <PageLoader />;
  else if (rfm.isError) body = <ErrorAlert error={rfm.error} onRetry={() => void rfm.refetch()} />;
  else if (rfm.data.segments.length === 0)
    body = <EmptyBlock title={t('analytics.noDataTitle')} description={t('analytics.noDataDescription')} />;
  else
    body = (
      <Stack gap="md">
        <Section
          title={t('rfm.segmentsTitle')}
          description={t('rfm.segmentsDescription')}
          actions={<ExportButtons path="/analytics/rfm" query={{}} testIdPrefix="rfm-export" />}
        >
          <Text size="sm" fw={600} mb="sm" data-testid="rfm-basis">
            {t(`rfm.basisNamed.${rfm.data.basis}`)}
          </Text>
          <SegmentTiles map={rfm.data} />
        </Section>
        <Section title={t('rfm.gridTitle')} description={t('rfm.gridDescription')}>
          <RfGrid map={rfm.data} />
        </Section>
      </Stack>
    );
  return body;
}

function SegmentTiles({ map }: { map: RfmMapT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const bySegment = new Map(map.segments.map((s) => [s.segment, s]));
  const ordered = [
    ...rfmSegments.filter((s) => bySegment.has(s)),
    ...map.segments.map((s) => s.segment).filter((s) => !(rfmSegments as readonly string[]).includes(s)),
  ];
  const max = Math.max(1, ...map.segments.map((s) => s.clients));
  const total = map.segments.reduce((sum, s) => sum + s.clients, 0);
  return (
    <Stack gap="xs">
      <div className={classes.tiles}>
        {ordered.map((segment) => {
          const s = bySegment.get(segment)!;
          const share = s.clients / max;
          // Light enough for dark text on every hue; a deeper tint means more clients.
          const strength = 0.2 + 0.8 * share;
          const name = segmentLabel('rfmSegment', segment, language);
          return (
            <Link
              key={segment}
              to={clientsHref({ rfmSegment: segment })}
              className={classes.tile}
              style={{
                flex: `${Math.max(1, s.clients)} 1 ${Math.round(11 + 12 * share)}rem`,
                background: tint(segmentHue[segment] ?? 'gray', strength),
                borderLeft: `4px solid var(--mantine-color-${segmentHue[segment] ?? 'gray'}-7)`,
              }}
              data-testid={`rfm-tile-${segment}`}
              aria-label={t('rfm.tileLabel', {
                segment: name,
                clients: s.clients,
                revenue: formatMoney(s.revenue, language),
                profit: formatMoney(s.profit, language),
              })}
            >
              <Text fw={700} size="sm">
                {name}
              </Text>
              <div>
                <Text fz={26} fw={700} lh={1.1}>
                  {formatNumber(s.clients, language)}
                </Text>
                <Text size="xs">
                  {t('rfm.share', { value: formatNumber(Math.round((s.clients / total) * 1000) / 10, language, 1) })}
                </Text>
                <Text size="xs" className={classes.nowrap}>
                  {t('matrix.revenueShort', { value: formatMoneyCompact(s.revenue, language) })}
                </Text>
                <Text size="xs" className={classes.nowrap} c={kopecksOf(s.profit) < 0 ? 'red.8' : undefined}>
                  {t('matrix.profitShort', { value: formatMoneyCompact(s.profit, language) })}
                </Text>
                <Text size="xs">{t('rfm.recency', { value: formatNumber(s.avgRecencyDays, language) })}</Text>
              </div>
            </Link>
          );
        })}
      </div>
      <Text size="sm" c="dimmed">
        {t('rfm.clickHint')}
      </Text>
    </Stack>
  );
}

function RfGrid({ map }: { map: RfmMapT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const count = new Map(map.grid.map((g) => [`${g.r}:${g.f}`, g.clients]));
  const max = Math.max(1, ...map.grid.map((g) => g.clients));
  const scores = [1, 2, 3, 4, 5];
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <WideTable minWidth={0} label={t('rfm.gridTitle')}>
        <table className={classes.heat} aria-label={t('rfm.gridTitle')} data-testid="rfm-grid">
          <thead>
            <tr>
              <th scope="col">
                <VisuallyHidden>{t('rfm.rAxis')}</VisuallyHidden>
              </th>
              {scores.map((f) => (
                <th key={f} scope="col">
                  F{f}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...scores].reverse().map((r) => (
              <tr key={r}>
                <th scope="row">R{r}</th>
                {scores.map((f) => {
                  const n = count.get(`${r}:${f}`) ?? 0;
                  const share = n / max;
                  const style = { background: tint('indigo', share), color: tintText(share) };
                  return (
                    <td key={f}>
                      {n ? (
                        <Link
                          to={rfScoreHref(r, f)}
                          className={classes.smallCell}
                          style={style}
                          title={t('rfm.gridCell', { r, f, clients: n })}
                          aria-label={t('rfm.gridCellLink', { r, f, clients: formatNumber(n, language) })}
                          data-testid={`rfm-cell-${r}-${f}`}
                        >
                          {formatNumber(n, language)}
                        </Link>
                      ) : (
                        <div
                          className={classes.smallCell}
                          style={style}
                          title={t('rfm.gridCell', { r, f, clients: n })}
                        >
                          ·
                        </div>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </WideTable>
      <Stack gap={6}>
        <Text size="sm">{t('rfm.gridR')}</Text>
        <Text size="sm">{t('rfm.gridF')}</Text>
        <Text size="sm">{t('rfm.gridM')}</Text>
        <Text size="sm" c="dimmed">
          {t('rfm.gridCorner')}
        </Text>
        <Text size="sm" c="dimmed">
          {t('rfm.gridClickHint')}
        </Text>
      </Stack>
    </SimpleGrid>
  );
}
