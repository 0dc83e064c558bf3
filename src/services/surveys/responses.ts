import type {
  SurveyResponseCreateT,
  SurveyResponseListQueryT,
  SurveyResponsePageT,
  SurveyResponseT,
} from '../../contract/surveys.js';
import { surveyExportLabels } from '../../contract/surveys.js';
import { monthOf } from '../../core/analytics/period.js';
import { fieldProblem, notFound, type FieldProblem } from '../../core/errors.js';
import { isMessageCode, translateCode, type Lang } from '../../core/messages/index.js';
import { hasAnyAnswer, surveyDimensions } from '../../core/surveys/satisfaction.js';
import type { Database } from '../../db/database.js';
import { refreshSurveyMonths } from '../../db/queries/surveys/trends.js';
import {
  clientExists,
  contactOf,
  deleteSurveyResponse,
  insertSurveyResponse,
  listSurveyResponses,
  surveyResponseById,
  type SurveyResponseRow,
} from '../../db/queries/surveys/responses.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertClientInScope, assertRecordInScope, clientScope } from '../access/scope.js';
import { isoTimestamp, throwIfProblems } from '../convert.js';
import type { ColumnKind, Sheet } from '../../files/spreadsheet.js';
import { audit } from '../audit/record.js';

export function toApi(row: SurveyResponseRow): SurveyResponseT {
  return { ...row, createdAt: isoTimestamp(row.createdAt) };
}

export const noAnswerProblem: FieldProblem = fieldProblem('scores', 'required', 'survey.noAnswer');

/** A comment as stored: trimmed, an empty one is no comment. */
export const cleanComment = (comment: string | null | undefined): string | null => comment?.trim() || null;

/**
 * The contact a survey names must be a person of that client: one of another organisation looks
 * missing (404), one of another client of ours is bad input (400 on contactId).
 */
export async function checkSurveyContact(
  db: Database,
  actor: Actor,
  clientId: number,
  contactId: number | null | undefined,
): Promise<{ locale: string } | null> {
  if (contactId === null || contactId === undefined) return null;
  const contact = await contactOf(db, actor.orgId, contactId);
  if (!contact) throw notFound('contact', contactId);
  if (contact.clientId !== clientId) {
    await assertRecordInScope(db, actor, contact.clientId, 'contact', contactId); // outside the scope it is missing, not another client's
    throwIfProblems([fieldProblem('contactId', 'otherClient', 'survey.contactOfOtherClient')]);
  }
  return { locale: contact.locale };
}

/**
 * A manager records what a client said about us after a conversation (channel "manager"): the six
 * dimensions of docs/domain.md §3 on 1–5 and the NPS question on 0–10, each optional but at least one;
 * the date of the conversation, not in the future.
 */
export async function createSurveyResponse(
  db: Database,
  actor: Actor,
  input: SurveyResponseCreateT,
): Promise<SurveyResponseT> {
  assertCanWrite(actor);
  const problems: FieldProblem[] = [];
  if (!hasAnyAnswer(input)) problems.push(noAnswerProblem);
  if (input.answeredOn > db.clock.today()) {
    problems.push(fieldProblem('answeredOn', 'future', 'field.future'));
  }
  throwIfProblems(problems);
  return db.engine.transaction(async () => {
    if (!(await clientExists(db, actor.orgId, input.clientId))) throw notFound('client', input.clientId);
    await assertClientInScope(db, actor, input.clientId);
    await checkSurveyContact(db, actor, input.clientId, input.contactId);
    const id = await insertSurveyResponse(db, actor.orgId, {
      clientId: input.clientId,
      contactId: input.contactId ?? null,
      channel: 'manager',
      answeredOn: input.answeredOn,
      ...(Object.fromEntries(surveyDimensions.map((d) => [d, input[d] ?? null])) as Record<
        (typeof surveyDimensions)[number],
        number | null
      >),
      nps: input.nps ?? null,
      comment: cleanComment(input.comment),
      userId: actor.userId,
    });
    await refreshSurveyMonths(db, actor.orgId, [monthOf(input.answeredOn)]);
    const response = toApi((await surveyResponseById(db, actor.orgId, id))!);
    await audit(db, actor, {
      action: 'create',
      entity: 'survey',
      entityId: id,
      clientId: response.clientId,
      after: response,
    });
    return response;
  });
}

export async function getSurveyResponse(db: Database, actor: Actor, id: number): Promise<SurveyResponseT> {
  const row = await surveyResponseById(db, actor.orgId, id);
  if (!row) throw notFound('surveyResponse', id);
  await assertRecordInScope(db, actor, row.clientId, 'surveyResponse', id);
  return toApi(row);
}

export async function findSurveyResponses(
  db: Database,
  actor: Actor,
  query: SurveyResponseListQueryT,
): Promise<SurveyResponsePageT> {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  const { items, total } = await listSurveyResponses(db, {
    orgId: actor.orgId,
    scope: clientScope(actor),
    clientId: query.clientId,
    from: query.from,
    to: query.to,
    channel: query.channel,
    sort: query.sort,
    page,
    pageSize,
  });
  return { items: items.map(toApi), total, page, pageSize };
}

export async function removeSurveyResponse(db: Database, actor: Actor, id: number): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    const existing = await surveyResponseById(db, actor.orgId, id);
    if (existing) await assertRecordInScope(db, actor, existing.clientId, 'surveyResponse', id);
    if (!existing || !(await deleteSurveyResponse(db, actor.orgId, id))) throw notFound('surveyResponse', id);
    await refreshSurveyMonths(db, actor.orgId, [monthOf(existing.answeredOn)]);
    await audit(db, actor, {
      action: 'delete',
      entity: 'survey',
      entityId: id,
      clientId: existing.clientId,
      before: toApi(existing),
    });
  });
}

const EXPORT_ROWS = 100_000;
const EXPORT_PAGE = 1000;

/** How the answer came in, as the export names it (core/messages `export.surveys.channel.*`). */
const channelLabel = (channel: string, lang: Lang): string =>
  isMessageCode(`export.surveys.channel.${channel}`)
    ? translateCode(lang, `export.surveys.channel.${channel}`)
    : channel;

/** The whole filtered list (up to 100,000 rows) as a sheet, headers and channels in `lang`. */
export async function surveyResponsesSheet(
  db: Database,
  actor: Actor,
  query: SurveyResponseListQueryT,
  lang: 'ru' | 'en',
): Promise<Sheet> {
  const columns = Object.keys(surveyExportLabels) as (keyof SurveyResponseT)[];
  const rows: (string | number | null)[][] = [];
  for (let page = 1; rows.length < EXPORT_ROWS; page++) {
    const { items } = await findSurveyResponses(db, actor, { ...query, page, pageSize: EXPORT_PAGE });
    for (const item of items)
      rows.push(columns.map((k) => (k === 'channel' ? channelLabel(item.channel, lang) : (item[k] ?? null))));
    if (items.length < EXPORT_PAGE) break;
  }
  const kinds = columns.map((k): ColumnKind =>
    k === 'id' || k.endsWith('Id')
      ? 'id'
      : k === 'answeredOn'
        ? 'date'
        : k === 'createdAt'
          ? 'datetime'
          : k === 'comment' || k.endsWith('Name') || k === 'channel'
            ? 'text'
            : 'integer',
  );
  return {
    name: translateCode(lang, 'export.surveys.sheet'),
    headers: columns.map((k) => surveyExportLabels[k]![lang]),
    rows,
    kinds,
    lang,
  };
}
