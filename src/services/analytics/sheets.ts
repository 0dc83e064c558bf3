import { figureCatalogue, type ClientFiguresItemT } from '../../contract/analytics.js';
import { categoryLabels, ladderStageLabels, rfmSegmentLabels } from '../../core/analytics/labels.js';
import { clientStatusLabels } from '../../core/value-labels.js';
import { translate, translateCode } from '../../core/messages/index.js';
import type { ColumnKind, Lang, Sheet } from '../../files/spreadsheet.js';

export type { Lang };
type Label = { ru: string; en: string };
const named = (labels: Record<string, Label>, key: string | null, lang: Lang) =>
  key === null ? null : (labels[key]?.[lang] ?? key);

/** Money as the API gives it, decimal roubles ("1234.50"): the file writes the digits as they are, never through a float. */
const money = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** How each kind of figure goes into a file: shares as percentages, counts grouped, codes and classes as text. */
const figureKinds: Record<(typeof figureCatalogue)[number][2], ColumnKind> = {
  money: 'money',
  moneyOrNull: 'money',
  integer: 'integer',
  number: 'number',
  share: 'share',
  date: 'date',
  text: 'text',
};

/** The client list as a sheet: the client's columns and every figure, headers in the user's language. */
export function figuresSheet(items: ClientFiguresItemT[], lang: Lang): Sheet {
  const headers = [
    translate(lang, 'export.analytics.clientId'),
    translate(lang, 'export.analytics.client'),
    translate(lang, 'export.analytics.status'),
    translate(lang, 'export.analytics.region'),
    translate(lang, 'export.analytics.industry'),
    ...figureCatalogue.map(([, , kind, label]) =>
      kind === 'money' || kind === 'moneyOrNull' ? `${label[lang]}, ₽` : label[lang],
    ),
  ];
  const rows = items.map((item) => [
    item.clientId,
    item.name,
    named(clientStatusLabels, item.status, lang),
    item.region,
    item.industry,
    ...figureCatalogue.map(([key, , kind]) => {
      const v = (item.figures as Record<string, unknown>)[key];
      if (kind === 'money' || kind === 'moneyOrNull') return money(v);
      if (key === 'ladderStage') return named(ladderStageLabels, v as string | null, lang);
      if (key === 'rfmSegment') return named(rfmSegmentLabels, v as string | null, lang);
      if (key === 'category' || key === 'computedCategory') return named(categoryLabels, v as string | null, lang);
      return (v ?? null) as string | number | null;
    }),
  ]);
  const kinds: ColumnKind[] = [
    'id',
    'text',
    'text',
    'text',
    'text',
    ...figureCatalogue.map(([key, , kind]) =>
      key === 'rScore' || key === 'fScore' || key === 'mScore' ? 'id' : figureKinds[kind],
    ),
  ];
  return { name: translate(lang, 'export.analytics.clientsSheet'), headers, rows, kinds, lang };
}

/** The matrix; the ABC header names the basis the classes were ranked by. */
export function matrixSheet(
  matrix: {
    basis: string;
    cells: { abc: string; xyz: string; clients: number; revenue: string; grossSales: string; profit: string }[];
  },
  lang: Lang,
): Sheet {
  return {
    name: 'ABC-XYZ',
    headers: [
      translateCode(lang, `export.analytics.abcBy.${matrix.basis}`),
      'XYZ',
      translate(lang, 'export.analytics.clientCount'),
      translate(lang, 'export.analytics.revenueRub'),
      translate(lang, 'export.analytics.grossSalesBeforeReturnsRub'),
      translate(lang, 'export.analytics.profitRub'),
    ],
    rows: matrix.cells.map((c) => [
      c.abc,
      c.xyz === 'none' ? '—' : c.xyz,
      c.clients,
      money(c.revenue),
      money(c.grossSales),
      money(c.profit),
    ]),
    kinds: ['text', 'text', 'integer', 'money', 'money', 'money'],
    lang,
  };
}

export function rfmSheet(
  segments: {
    segment: string;
    clients: number;
    revenue: string;
    margin: string;
    profit: string;
    avgRecencyDays: number;
  }[],
  lang: Lang,
): Sheet {
  return {
    name: 'RFM',
    headers: [
      translate(lang, 'export.analytics.segment'),
      translate(lang, 'export.analytics.clientCount'),
      translate(lang, 'export.analytics.revenueRub'),
      translate(lang, 'export.analytics.marginRub'),
      translate(lang, 'export.analytics.profitRub'),
      translate(lang, 'export.analytics.daysSincePurchaseMean'),
    ],
    rows: segments.map((s) => [
      named(rfmSegmentLabels, s.segment, lang),
      s.clients,
      money(s.revenue),
      money(s.margin),
      money(s.profit),
      s.avgRecencyDays,
    ]),
    kinds: ['text', 'integer', 'money', 'money', 'money', 'number'],
    lang,
  };
}

export function whaleSheet(
  curve: { rank: number; clientShare: number; cumulativeProfit: string; profitShare: number | null }[],
  lang: Lang,
): Sheet {
  return {
    name: translate(lang, 'export.analytics.whaleCurve'),
    headers: [
      translate(lang, 'export.analytics.clientCount'),
      translate(lang, 'export.analytics.shareOfClients'),
      translate(lang, 'export.analytics.cumulativeProfitRub'),
      translate(lang, 'export.analytics.shareOfProfit'),
    ],
    rows: curve.map((p) => [p.rank, p.clientShare, money(p.cumulativeProfit), p.profitShare]),
    kinds: ['integer', 'share', 'money', 'share'],
    lang,
  };
}

export function funnelSheet(transitions: { from: string; to: string; clients: number }[], lang: Lang): Sheet {
  return {
    name: translate(lang, 'export.analytics.loyaltyLadder'),
    headers: [
      translate(lang, 'export.analytics.stageAtStart'),
      translate(lang, 'export.analytics.stageAtEnd'),
      translate(lang, 'export.analytics.clientCount'),
    ],
    rows: transitions.map((x) => [
      named(ladderStageLabels, x.from, lang),
      named(ladderStageLabels, x.to, lang),
      x.clients,
    ]),
    kinds: ['text', 'text', 'integer'],
    lang,
  };
}

export function cohortSheet(cohorts: { cohort: string; size: number; retained: number[] }[], lang: Lang): Sheet {
  const width = Math.max(0, ...cohorts.map((c) => c.retained.length));
  return {
    name: translate(lang, 'export.analytics.cohorts'),
    headers: [
      translate(lang, 'export.analytics.quarterOfFirstPurchase'),
      translate(lang, 'export.analytics.clientCount'),
      ...Array.from({ length: width }, (_, i) => `${translate(lang, 'export.analytics.quarter')} +${i}`),
    ],
    rows: cohorts.map((c) => [
      c.cohort,
      c.size,
      ...Array.from({ length: width }, (_, i) => (i < c.retained.length ? c.retained[i]! : null)),
    ]),
    kinds: ['text', 'integer', ...Array.from({ length: width }, (): ColumnKind => 'integer')],
    lang,
  };
}

export function flowSheet(
  periods: {
    period: string;
    previousBuyers: number;
    retained: number;
    retentionRate: number | null;
    significantLost: number;
    significantGained: number;
    alarm: boolean;
  }[],
  lang: Lang,
): Sheet {
  return {
    name: translate(lang, 'export.analytics.retention'),
    headers: [
      translate(lang, 'export.analytics.period'),
      translate(lang, 'export.analytics.boughtInThePreviousPeriod'),
      translate(lang, 'export.analytics.boughtAgain'),
      translate(lang, 'export.analytics.retentionRate'),
      translate(lang, 'export.analytics.significantLost'),
      translate(lang, 'export.analytics.significantGained'),
      translate(lang, 'export.analytics.alarm'),
    ],
    rows: periods.map((p) => [
      p.period,
      p.previousBuyers,
      p.retained,
      p.retentionRate,
      p.significantLost,
      p.significantGained,
      p.alarm ? translate(lang, 'export.analytics.yes') : '',
    ]),
    kinds: ['text', 'integer', 'integer', 'share', 'integer', 'integer', 'text'],
    lang,
  };
}
