import type { BaseAnalysisPageT, BaseAnalysisQueryT, BaseAnalysisRowT } from '../../contract/people.js';
import { fieldProblem, invalidInput } from '../../core/errors.js';
import { significanceLabels } from '../../core/losses/labels.js';
import { translate } from '../../core/messages/index.js';
import { formatMoney } from '../../core/money/money.js';
import { baseAnalysisLabels, baseAnalysisQuestions } from '../../core/people/base-analysis.js';
import { significances } from '../../core/vocabulary.js';
import type { Database } from '../../db/database.js';
import {
  answersOfMask,
  baseAnalysisSorts,
  baseAnalysisSummary,
  findBaseAnalysis,
  type BaseAnalysisFilter,
} from '../../db/queries/people/base-analysis.js';
import type { Sheet } from '../../files/spreadsheet.js';
import type { Actor } from '../actor.js';
import { clientScope } from '../access/scope.js';

const significanceFilter = [...significances, 'none'];

function filterOf(actor: Actor, query: BaseAnalysisQueryT): BaseAnalysisFilter {
  const wanted = query.significance
    ? query.significance
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
  const unknown = wanted.find((s) => !significanceFilter.includes(s));
  if (unknown !== undefined) {
    throw invalidInput([
      fieldProblem('significance', 'oneOf', 'people.significanceUnknown', {
        value: unknown,
        values: significanceFilter.join(', '),
      }),
    ]);
  }
  if (query.sort !== undefined && !baseAnalysisSorts.includes(query.sort)) {
    throw invalidInput([fieldProblem('sort', 'oneOf', 'field.oneOfList', { values: baseAnalysisSorts.join(', ') })]);
  }
  return {
    orgId: actor.orgId,
    significances: wanted,
    ownerUserId: query.ownerUserId,
    includeLost: query.includeLost,
    scope: clientScope(actor),
  };
}

/**
 * The base analysis (docs/domain.md §4) across the client base: every client the filters select with the questions
 * answered and missing (core/people/base-analysis.ts, stored per client by the writes: client_base_analysis),
 * most important first, so a head of sales can list, say, the key clients whose decision makers we do
 * not know; and over the same clients how many miss each question (which also counts the list: the
 * clients missing `missing`, or all of them). `limit` overrides the page for exports.
 */
export async function findBaseAnalysisList(
  db: Database,
  actor: Actor,
  query: BaseAnalysisQueryT,
  limit?: number,
): Promise<BaseAnalysisPageT> {
  const filter = filterOf(actor, query);
  const page = query.page ?? 1;
  const pageSize = limit ?? query.pageSize ?? 50;
  const [list, summary] = await Promise.all([
    findBaseAnalysis(db, {
      ...filter,
      missing: query.missing,
      sort: query.sort,
      limit: pageSize,
      offset: limit ? 0 : (page - 1) * pageSize,
    }),
    baseAnalysisSummary(db, filter),
  ]);
  return {
    items: list.map((r): BaseAnalysisRowT => ({
      clientId: r.client_id,
      name: r.name,
      status: r.status,
      significance: r.significance,
      ownerUserId: r.owner_user_id,
      ownerName: r.owner_name,
      revenue: r.revenue === null ? null : formatMoney(r.revenue),
      profit: r.profit === null ? null : formatMoney(r.profit),
      contacts: Number(r.contacts),
      ...answersOfMask(Number(r.missing)),
    })),
    total: query.missing ? summary.missing[query.missing] : summary.clients,
    page: limit ? 1 : page,
    pageSize,
    clients: summary.clients,
    summary: baseAnalysisQuestions.map((key) => ({ key, missing: summary.missing[key] })),
  };
}

/** The list as a sheet: the client, its weight and figures, and a column per question (+ answered, − missing). */
export function baseAnalysisSheet(items: BaseAnalysisRowT[], lang: 'ru' | 'en'): Sheet {
  const l = (label: { ru: string; en: string }) => label[lang];
  return {
    name: translate(lang, 'export.baseAnalysis.sheet'),
    headers: [
      translate(lang, 'export.baseAnalysis.clientId'),
      translate(lang, 'export.baseAnalysis.client'),
      translate(lang, 'export.baseAnalysis.significance'),
      translate(lang, 'export.baseAnalysis.owner'),
      translate(lang, 'export.baseAnalysis.revenue'),
      translate(lang, 'export.baseAnalysis.profit'),
      translate(lang, 'export.baseAnalysis.contacts'),
      translate(lang, 'export.baseAnalysis.answered'),
      ...baseAnalysisQuestions.map((q) => l(baseAnalysisLabels[q])),
    ],
    rows: items.map((r) => [
      r.clientId,
      r.name,
      r.significance ? l(significanceLabels[r.significance as (typeof significances)[number]]) : null,
      r.ownerName,
      r.revenue,
      r.profit,
      r.contacts,
      `${r.answered.length}/${baseAnalysisQuestions.length}`,
      ...baseAnalysisQuestions.map((q) => (r.answered.includes(q) ? '+' : '−')),
    ]),
    kinds: ['id', 'text', 'text', 'text', 'money', 'money', 'integer'],
    lang,
  };
}
