/** ABC × XYZ: who brings the money (ABC) and how steadily they buy (XYZ); each cell opens its clients. */
import { Anchor, Group, SegmentedControl, Stack, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyBlock, ErrorAlert, PageLoader } from '../../components/QueryStates.js';
import { formatMoney, formatMoneyCompact, formatNumber, formatPercent, kopecksOf } from '../../lib/format.js';
import { useLanguage } from '../../lib/i18n.js';
import { useMatrix, type MatrixT } from './api.js';
import { abcClasses, xyzClasses } from '../../lib/segments.js';
import { clientsHref } from './links.js';
import { ExportButtons } from '../../components/ExportButtons.js';
import { Section } from '../../components/Section.js';
import { tint, tintText, UnknownProfitNote } from './ui.js';
import classes from './analytics.module.css';
import { WideTable } from '../../components/WideTable.js';

const columns = [...xyzClasses, 'none'] as const;
type Basis = MatrixT['basis'];
/** The list filter that opens a row's clients on each basis, and the cell amount the basis weighs. */
const abcParams = { profit: 'abcProfit', revenue: 'abcRevenue', gross: 'abcGross' } as const;
const basisAmount = { profit: 'profit', revenue: 'revenue', gross: 'grossSales' } as const;
const basisOf = (value: string | null): Basis => (value === 'revenue' || value === 'gross' ? value : 'profit');

export default function MatrixPage() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [params, setParams] = useSearchParams();
  const basis = basisOf(params.get('basis'));
  const matrix = useMatrix(basis);

  const setBasis = (value: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === 'profit') next.delete('basis');
        else next.set('basis', value);
        return next;
      },
      { replace: true },
    );

  let body;
  if (matrix.isPending) body = <PageLoader />;
  else if (matrix.isError) body = <ErrorAlert error={matrix.error} onRetry={() => void matrix.refetch()} />;
  else if (matrix.data.cells.length === 0)
    body = <EmptyBlock title={t('analytics.noDataTitle')} description={t('analytics.noDataDescription')} />;
  else body = <MatrixTable matrix={matrix.data} />;

  // The rules the classes were made with come with the answer, so the text always matches the cells.
  const m = matrix.data;
  return (
    <Section
      title={t('matrix.title')}
      description={t('matrix.description')}
      actions={<ExportButtons path="/analytics/matrix" query={{ basis }} testIdPrefix="matrix-export" />}
    >
      <Stack gap="md">
        <Group gap="sm" align="center" wrap="wrap">
          <Text size="sm" fw={500} id="matrix-basis-label">
            {t('matrix.basis')}
          </Text>
          <SegmentedControl
            aria-labelledby="matrix-basis-label"
            value={basis}
            onChange={setBasis}
            data={[
              { value: 'profit', label: t('matrix.byProfit') },
              { value: 'revenue', label: t('matrix.byRevenue') },
              { value: 'gross', label: t('matrix.byGross') },
            ]}
            data-testid="matrix-basis"
          />
        </Group>
        {m ? (
          <Text size="sm" fw={600} data-testid="matrix-basis-named">
            {t(`matrix.basisNamed.${m.basis}`)}
          </Text>
        ) : null}
        {m?.basis === 'profit' ? (
          <UnknownProfitNote count={m.costCoverage.unknownProfitClients} testId="matrix-unknown-profit" />
        ) : null}
        {body}
        <Stack gap={4} data-testid="matrix-rules">
          <Text size="sm">
            {m
              ? t('matrix.abcExplained', {
                  basis: t(`matrix.basisWord.${m.basis}`),
                  a: formatNumber(m.abc.a, language),
                  b: formatNumber(m.abc.b, language),
                })
              : null}
          </Text>
          <Text size="sm">
            {m
              ? t(`matrix.xyzExplained.${m.xyz.grain}`, {
                  x: formatNumber(m.xyz.x, language),
                  y: formatNumber(m.xyz.y, language),
                  months: formatNumber(m.xyz.minActiveMonths, language),
                })
              : null}
          </Text>
          <Text size="sm" c="dimmed">
            {t('matrix.clickHint')}
          </Text>
        </Stack>
      </Stack>
    </Section>
  );
}

function MatrixTable({ matrix }: { matrix: MatrixT }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { basis, cells } = matrix;
  const abcParam = abcParams[basis];
  const amountOf = (c: MatrixT['cells'][number]) => kopecksOf(c[basisAmount[basis]]);
  const byKey = new Map(cells.map((c) => [`${c.abc}:${c.xyz}`, c]));
  const maxAbs = Math.max(1, ...cells.map((c) => Math.abs(amountOf(c))));
  const total = cells.reduce((s, c) => s + amountOf(c), 0);
  const columnLabel = (x: string) => (x === 'none' ? t('matrix.noClass') : x);

  return (
    <WideTable minWidth={0} label={t('matrix.tableLabel')}>
      <table
        className={classes.heat}
        style={{ minWidth: 640, tableLayout: 'fixed' }}
        aria-label={t('matrix.tableLabel')}
        data-testid="matrix"
      >
        <thead>
          <tr>
            <th scope="col" style={{ width: '7rem' }}>
              <VisuallyHidden>{t('matrix.corner')}</VisuallyHidden>
            </th>
            {columns.map((x) => (
              <th key={x} scope="col">
                <Anchor component={Link} to={clientsHref({ xyz: x })} size="sm" fw={700}>
                  {columnLabel(x)}
                </Anchor>
                <Text size="xs" c="dimmed" fw={400}>
                  {t(`matrix.xyzHint.${x}`)}
                </Text>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {abcClasses.map((abc) => (
            <tr key={abc}>
              <th scope="row">
                <Anchor component={Link} to={clientsHref({ [abcParam]: abc })} size="sm" fw={700}>
                  {abc}
                </Anchor>
                <Text size="xs" c="dimmed" fw={400}>
                  {t(`matrix.abcHint.${abc}`)}
                </Text>
              </th>
              {columns.map((xyz) => {
                const cell = byKey.get(`${abc}:${xyz}`);
                const testId = `matrix-cell-${abc}-${xyz}`;
                if (!cell || cell.clients === 0) {
                  return (
                    <td key={xyz}>
                      <div className={classes.cell} data-testid={testId}>
                        <Text size="sm" c="dimmed" aria-hidden>
                          —
                        </Text>
                        <VisuallyHidden>{t('matrix.emptyCell', { abc, xyz: columnLabel(xyz) })}</VisuallyHidden>
                      </div>
                    </td>
                  );
                }
                const value = amountOf(cell);
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
                        abc,
                        xyz: columnLabel(xyz),
                        clients: cell.clients,
                        revenue: formatMoney(cell.revenue, language),
                        profit: formatMoney(cell.profit, language),
                      })}
                    >
                      <span className={classes.cellCount}>{formatNumber(cell.clients, language)}</span>
                      <span className={classes.cellSmall}>
                        {t(basis === 'gross' ? 'matrix.grossShort' : 'matrix.revenueShort', {
                          value: formatMoneyCompact(basis === 'gross' ? cell.grossSales : cell.revenue, language),
                        })}
                      </span>
                      <span className={classes.cellSmall}>
                        {t('matrix.profitShort', { value: formatMoneyCompact(cell.profit, language) })}
                      </span>
                      {total > 0 ? (
                        <span className={classes.cellSmall}>
                          {t('matrix.shareOfBasis', { value: formatPercent(value / total, language, 1) })}
                        </span>
                      ) : null}
                    </Link>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </WideTable>
  );
}
