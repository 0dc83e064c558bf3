import { figureCatalogue, type ClientFiguresItemT } from '../../contract/analytics.js';
import { categoryLabels, ladderStageLabels, rfmSegmentLabels } from '../../core/analytics/labels.js';
import { clientStatusLabels } from '../../core/value-labels.js';
import type { ColumnKind, Lang, Sheet } from '../../files/spreadsheet.js';

export type { Lang };
type Label = { ru: string; en: string };
const t = (label: Label, lang: Lang) => label[lang];
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
    t({ ru: 'Код клиента', en: 'Client id' }, lang),
    t({ ru: 'Клиент', en: 'Client' }, lang),
    t({ ru: 'Статус', en: 'Status' }, lang),
    t({ ru: 'Регион', en: 'Region' }, lang),
    t({ ru: 'Отрасль', en: 'Industry' }, lang),
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
  return { name: t({ ru: 'Клиенты', en: 'Clients' }, lang), headers, rows, kinds, lang };
}

const abcBasisLabels: Record<string, Label> = {
  profit: { ru: 'ABC по прибыли', en: 'ABC by profit' },
  revenue: { ru: 'ABC по выручке', en: 'ABC by revenue' },
  gross: { ru: 'ABC по валовым продажам', en: 'ABC by gross sales' },
};

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
      named(abcBasisLabels, matrix.basis, lang)!,
      'XYZ',
      t({ ru: 'Клиентов', en: 'Clients' }, lang),
      t({ ru: 'Выручка, ₽', en: 'Revenue, ₽' }, lang),
      t({ ru: 'Валовые продажи (до возвратов), ₽', en: 'Gross sales (before returns), ₽' }, lang),
      t({ ru: 'Прибыль, ₽', en: 'Profit, ₽' }, lang),
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
      t({ ru: 'Сегмент', en: 'Segment' }, lang),
      t({ ru: 'Клиентов', en: 'Clients' }, lang),
      t({ ru: 'Выручка, ₽', en: 'Revenue, ₽' }, lang),
      t({ ru: 'Маржа, ₽', en: 'Margin, ₽' }, lang),
      t({ ru: 'Прибыль, ₽', en: 'Profit, ₽' }, lang),
      t({ ru: 'Дней с покупки (среднее)', en: 'Days since purchase (mean)' }, lang),
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
    name: t({ ru: 'Кривая прибыли', en: 'Whale curve' }, lang),
    headers: [
      t({ ru: 'Клиентов', en: 'Clients' }, lang),
      t({ ru: 'Доля клиентов', en: 'Share of clients' }, lang),
      t({ ru: 'Накопленная прибыль, ₽', en: 'Cumulative profit, ₽' }, lang),
      t({ ru: 'Доля прибыли', en: 'Share of profit' }, lang),
    ],
    rows: curve.map((p) => [p.rank, p.clientShare, money(p.cumulativeProfit), p.profitShare]),
    kinds: ['integer', 'share', 'money', 'share'],
    lang,
  };
}

export function funnelSheet(transitions: { from: string; to: string; clients: number }[], lang: Lang): Sheet {
  return {
    name: t({ ru: 'Лестница лояльности', en: 'Loyalty ladder' }, lang),
    headers: [
      t({ ru: 'Ступень в начале', en: 'Stage at start' }, lang),
      t({ ru: 'Ступень в конце', en: 'Stage at end' }, lang),
      t({ ru: 'Клиентов', en: 'Clients' }, lang),
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
    name: t({ ru: 'Когорты', en: 'Cohorts' }, lang),
    headers: [
      t({ ru: 'Квартал первой покупки', en: 'Quarter of first purchase' }, lang),
      t({ ru: 'Клиентов', en: 'Clients' }, lang),
      ...Array.from({ length: width }, (_, i) => `${t({ ru: 'Квартал', en: 'Quarter' }, lang)} +${i}`),
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
    name: t({ ru: 'Удержание', en: 'Retention' }, lang),
    headers: [
      t({ ru: 'Период', en: 'Period' }, lang),
      t({ ru: 'Покупали в прошлом периоде', en: 'Bought in the previous period' }, lang),
      t({ ru: 'Купили снова', en: 'Bought again' }, lang),
      t({ ru: 'Удержание', en: 'Retention rate' }, lang),
      t({ ru: 'Потеряно значимых', en: 'Significant lost' }, lang),
      t({ ru: 'Приобретено значимых', en: 'Significant gained' }, lang),
      t({ ru: 'Тревога', en: 'Alarm' }, lang),
    ],
    rows: periods.map((p) => [
      p.period,
      p.previousBuyers,
      p.retained,
      p.retentionRate,
      p.significantLost,
      p.significantGained,
      p.alarm ? t({ ru: 'да', en: 'yes' }, lang) : '',
    ]),
    kinds: ['text', 'integer', 'integer', 'share', 'integer', 'integer', 'text'],
    lang,
  };
}
