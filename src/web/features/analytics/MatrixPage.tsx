/** ABC × XYZ: who brings the money (ABC) and how steadily they buy (XYZ); each cell opens its clients. */
import { Anchor, Group, SegmentedControl, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatKopecksCompact, formatKopecks, formatNumber, formatPercent } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useAnalyticsSettings, useMatrix, type MatrixT } from './api.js';
import { abcClasses, xyzClasses } from './labels.js';
import { clientsHref } from './links.js';
import { ExportButtons, Section, tint, tintText } from './ui.js';
import classes from './analytics.module.css';

const columns = [...xyzClasses, 'none'] as const;

export default function MatrixPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const basis = params.get('basis') === 'revenue' ? 'revenue' : 'profit';
  const matrix = useMatrix(basis);
  const settings = useAnalyticsSettings();
  const abcParam = basis === 'revenue' ? 'abcRevenue' : 'abcProfit';

  const setBasis = (value: string) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    if (value === 'revenue') next.set('basis', 'revenue');
    else next.delete('basis');
    return next;
  }, { replace: true });

  let body;
  if (matrix.isPending) body = <PageLoader />;
  else if (matrix.isError) body = <ErrorAlert error={matrix.error} onRetry={() => void matrix.refetch()} />;
  else if (matrix.data.length === 0) body = <EmptyBlock title={t('analytics.noDataTitle')} description={t('analytics.noDataDescription')} />;
  else body = <MatrixTable cells={matrix.data} basis={basis} abcParam={abcParam} />;

  const s = settings.data;
  return (
    <Section
      title={t('matrix.title')}
      description={t('matrix.description')}
      actions={<ExportButtons path="/analytics/matrix" query={{ basis }} testIdPrefix="matrix-export" />}
    >
      <Stack gap="md">
        <Group gap="sm" align="center" wrap="wrap">
          <Text size="sm" fw={500} id="matrix-basis-label">{t('matrix.basis')}</Text>
          <SegmentedControl
            aria-labelledby="matrix-basis-label"
            value={basis}
            onChange={setBasis}
            data={[{ value: 'profit', label: t('matrix.byProfit') }, { value: 'revenue', label: t('matrix.byRevenue') }]}
            data-testid="matrix-basis"
          />
        </Group>
        {body}
        <Stack gap={4}>
          <Text size="sm">
            {s ? t('matrix.abcExplained', { basis: basis === 'profit' ? t('matrix.profitWord') : t('matrix.revenueWord'), a: formatNumber(s.abcA, language), b: formatNumber(s.abcB, language) }) : null}
          </Text>
          <Text size="sm">
            {s ? t('matrix.xyzExplained', { x: formatNumber(s.xyzX, language), y: formatNumber(s.xyzY, language), months: formatNumber(s.xyzMinActiveMonths, language) }) : null}
          </Text>
          <Text size="sm" c="dimmed">{t('matrix.clickHint')}</Text>
        </Stack>
      </Stack>
    </Section>
  );
}

function MatrixTable({ cells, basis, abcParam }: { cells: MatrixT; basis: 'profit' | 'revenue'; abcParam: 'abcProfit' | 'abcRevenue' }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const byKey = new Map(cells.map((c) => [`${c.abc}:${c.xyz}`, c]));
  const maxAbs = Math.max(1, ...cells.map((c) => Math.abs(c[basis])));
  const total = cells.reduce((s, c) => s + c[basis], 0);
  const columnLabel = (x: string) => (x === 'none' ? t('matrix.noClass') : x);

  return (
    <div style={{ overflowX: 'auto' }}>
      <table className={classes.heat} style={{ minWidth: 640, tableLayout: 'fixed' }} aria-label={t('matrix.tableLabel')} data-testid="matrix">
        <thead>
          <tr>
            <th scope="col" style={{ width: '7rem' }}><VisuallyHidden>{t('matrix.corner')}</VisuallyHidden></th>
            {columns.map((x) => (
              <th key={x} scope="col">
                <Anchor component={Link} to={clientsHref({ xyz: x })} size="sm" fw={700}>{columnLabel(x)}</Anchor>
                <Text size="xs" c="dimmed" fw={400}>{t(`matrix.xyzHint.${x}`)}</Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {abcClasses.map((abc) => (
            <tr key={abc}>
              <th scope="row">
                <Anchor component={Link} to={clientsHref({ [abcParam]: abc })} size="sm" fw={700}>{abc}</Anchor>
                <Text size="xs" c="dimmed" fw={400}>{t(`matrix.abcHint.${abc}`)}</Text>
              </th>
              {columns.map((xyz) => {
                const cell = byKey.get(`${abc}:${xyz}`);
                const testId = `matrix-cell-${abc}-${xyz}`;
                if (!cell || cell.clients === 0) {
                  return (
                    <td key={xyz}>
                      <div className={classes.cell} data-testid={testId}>
                        <Text size="sm" c="dimmed" aria-hidden>—</Text>
                        <VisuallyHidden>{t('matrix.emptyCell', { abc, xyz: columnLabel(xyz) })}</VisuallyHidden>
                      </div>
                    </td>
                  );
                }
                const value = cell[basis];
                // Square root: small cells stay visible next to a dominant one.
                const share = Math.sqrt(Math.abs(value) / maxAbs);
                const background = tint(value < 0 ? 'red' : 'indigo', share);
                const color = tintText(share);
                return (
                  <td key={xyz}>
                    <Link
                      to={clientsHref({ [abcParam]: abc, xyz })}
                      className={classes.cell}
                      style={{ background, color }}
                      data-testid={testId}
                      aria-label={t('matrix.cellLabel', {
                        abc, xyz: columnLabel(xyz), clients: cell.clients,
                        revenue: formatKopecks(cell.revenue, language), profit: formatKopecks(cell.profit, language),
                      })}
                    >
                      <span className={classes.cellCount}>{formatNumber(cell.clients, language)}</span>
                      <span className={classes.cellSmall}>{t('matrix.revenueShort', { value: formatKopecksCompact(cell.revenue, language) })}</span>
                      <span className={classes.cellSmall}>{t('matrix.profitShort', { value: formatKopecksCompact(cell.profit, language) })}</span>
                      {total > 0 ? <span className={classes.cellSmall}>{t('matrix.shareOfBasis', { value: formatPercent(value / total, language) })}</span> : null}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
