import type {
  PublicSurveyAnswerT,
  PublicSurveyAnsweredT,
  PublicSurveyT,
  SurveyLinkCreateT,
  SurveyLinkCreatedT,
  SurveyLinkListQueryT,
  SurveyLinkListT,
  SurveyLinkT,
} from '../../contract/surveys.js';
import { monthOf } from '../../core/analytics/period.js';
import { DomainError, notFound } from '../../core/errors.js';
import {
  addressName,
  surveyLinkClosedMessages,
  surveyQuestions,
  type SurveyLocale,
} from '../../core/surveys/questions.js';
import {
  NPS_MAX,
  NPS_MIN,
  SCORE_MAX,
  SCORE_MIN,
  hasAnyAnswer,
  surveyDimensions,
} from '../../core/surveys/satisfaction.js';
import type { Database } from '../../db/database.js';
import { refreshSurveyMonths } from '../../db/queries/surveys/trends.js';
import {
  attachSurveyResponse,
  claimSurveyLink,
  expireSurveyLink,
  insertSurveyLink,
  listSurveyLinks,
  surveyLinkByToken,
} from '../../db/queries/surveys/links.js';
import { clientExists, insertSurveyResponse } from '../../db/queries/surveys/responses.js';
import { newSecret, parseCredential, secretHash } from '../access/secrets.js';
import { assertCanWrite, type Actor } from '../actor.js';
import { assertClientInScope, clientScope, rowScope } from '../access/scope.js';
import { getRecord } from '../../db/queries/records.js';
import { surveyLinks } from '../../db/schema/index.js';
import { isoTimestamp, throwIfProblems } from '../convert.js';
import { checkSurveyContact, cleanComment, noAnswerProblem } from './responses.js';
import { surveyLinkForAudit } from '../../db/queries/audit/log.js';
import { audit } from '../audit/record.js';
import { auditSurveyLink } from '../audit/views.js';

const DEFAULT_DAYS = 14;
const asLocale = (value: string | null | undefined): SurveyLocale => (value === 'en' ? 'en' : 'ru');

/** The link no longer takes an answer (answered, or expired or revoked): HTTP 410 with a message in the link's language. */
export class SurveyLinkClosed extends Error {
  constructor(
    readonly reason: 'answered' | 'expired',
    readonly locale: SurveyLocale,
  ) {
    super(surveyLinkClosedMessages[reason][locale]);
    this.name = 'SurveyLinkClosed';
  }
}

// One message for a malformed and an unknown token, so a guess learns nothing.
const unknownLink = () => new DomainError('not_found', 'survey.linkUnknown');

/**
 * A one-time link for a client's contact to answer the survey without signing in. The secret is 32
 * random bytes (base64url) and only its SHA-256 is stored, so the link is shown this once; the token
 * "<orgId>.<secret>" names its organisation, so the lookup stays on one tenant's rows. The survey is
 * in the contact's language unless told otherwise; the link expires after 1–90 days (14 by default).
 */
export async function createSurveyLink(
  db: Database,
  actor: Actor,
  input: SurveyLinkCreateT,
): Promise<SurveyLinkCreatedT> {
  assertCanWrite(actor);
  return db.engine.transaction(async () => {
    if (!(await clientExists(db, actor.orgId, input.clientId))) throw notFound('client', input.clientId);
    await assertClientInScope(db, actor, input.clientId);
    const contact = await checkSurveyContact(db, actor, input.clientId, input.contactId);
    const secret = newSecret();
    const link = await insertSurveyLink(db, actor.orgId, {
      clientId: input.clientId,
      contactId: input.contactId ?? null,
      tokenHash: secretHash(secret),
      locale: input.locale ?? asLocale(contact?.locale),
      expiresInDays: input.expiresInDays ?? DEFAULT_DAYS,
      createdBy: actor.userId,
    });
    await auditSurveyLink(db, actor, 'create', link.id);
    return { id: link.id, url: `/survey/${actor.orgId}.${secret}`, expiresAt: isoTimestamp(link.expiresAt) };
  });
}

export async function findSurveyLinks(
  db: Database,
  actor: Actor,
  query: SurveyLinkListQueryT,
): Promise<SurveyLinkListT> {
  const rows = await listSurveyLinks(db, actor.orgId, {
    clientId: query.clientId,
    status: query.status,
    scope: clientScope(actor),
  });
  return {
    items: rows.map((r): SurveyLinkT => ({
      ...r,
      locale: asLocale(r.locale),
      expiresAt: isoTimestamp(r.expiresAt),
      answeredAt: isoTimestamp(r.answeredAt),
      createdAt: isoTimestamp(r.createdAt),
    })),
  };
}

/** Revokes a link: it expires now, and its page says so. */
export async function revokeSurveyLink(db: Database, actor: Actor, id: number): Promise<void> {
  assertCanWrite(actor);
  await db.engine.transaction(async () => {
    if (!(await getRecord(db, surveyLinks, actor.orgId, id, rowScope(actor, surveyLinks))))
      throw notFound('surveyLink', id);
    const before = await surveyLinkForAudit(db, actor.orgId, id);
    if (!(await expireSurveyLink(db, actor.orgId, id))) throw notFound('surveyLink', id);
    await auditSurveyLink(db, actor, 'revoke', id, before ?? undefined);
  });
}

function tokenOf(token: string): { orgId: number; tokenHash: string } {
  const c = parseCredential(token);
  if (!c) throw unknownLink();
  return { orgId: c.orgId, tokenHash: secretHash(c.secret) };
}

async function closedOrUnknown(db: Database, t: { orgId: number; tokenHash: string }): Promise<never> {
  const link = await surveyLinkByToken(db, t.orgId, t.tokenHash);
  if (!link) throw unknownLink();
  throw new SurveyLinkClosed(link.answered ? 'answered' : 'expired', asLocale(link.locale));
}

/**
 * What the public survey page shows: who asks (our organisation), about whom (the client), whom it
 * addresses, in which language, and the questions. Nothing else: no ids, e-mails or phones.
 */
export async function readPublicSurvey(db: Database, token: string): Promise<PublicSurveyT> {
  const t = tokenOf(token);
  const link = await surveyLinkByToken(db, t.orgId, t.tokenHash);
  if (!link) throw unknownLink();
  const locale = asLocale(link.locale);
  if (!link.open) throw new SurveyLinkClosed(link.answered ? 'answered' : 'expired', locale);
  return {
    organization: link.organization,
    client: link.client,
    contactName: addressName(link.contactFullName, locale),
    locale,
    expiresAt: isoTimestamp(link.expiresAt),
    questions: [
      ...surveyDimensions.map((key) => ({ key, text: surveyQuestions[key][locale], min: SCORE_MIN, max: SCORE_MAX })),
      { key: 'nps' as const, text: surveyQuestions.nps[locale], min: NPS_MIN, max: NPS_MAX },
    ],
  };
}

/**
 * The contact's answer through the link (channel "link"), at most once: the link is claimed by one
 * atomic UPDATE (unanswered and unexpired → answered now) in the same transaction as the response,
 * so of two concurrent answers one is stored and the other is refused with 410.
 */
export async function answerPublicSurvey(
  db: Database,
  token: string,
  answer: PublicSurveyAnswerT,
): Promise<PublicSurveyAnsweredT> {
  const t = tokenOf(token);
  const scores = answer.scores ?? {};
  // Bad input is refused before the link is claimed, so a mistake does not use the link up.
  throwIfProblems(hasAnyAnswer({ ...scores, nps: answer.nps ?? null }) ? [] : [noAnswerProblem]);
  return db.engine.transaction(async () => {
    const claimed = await claimSurveyLink(db, t.orgId, t.tokenHash);
    if (!claimed) return closedOrUnknown(db, t);
    const responseId = await insertSurveyResponse(db, t.orgId, {
      clientId: claimed.clientId,
      contactId: claimed.contactId,
      channel: 'link',
      answeredOn: db.clock.today(),
      ...(Object.fromEntries(surveyDimensions.map((d) => [d, scores[d] ?? null])) as Record<
        (typeof surveyDimensions)[number],
        number | null
      >),
      nps: answer.nps ?? null,
      comment: cleanComment(answer.comment),
      userId: null,
    });
    await attachSurveyResponse(db, t.orgId, claimed.id, responseId);
    await refreshSurveyMonths(db, t.orgId, [monthOf(db.clock.today())]);
    // The person asked answered through the link: no user of ours acted.
    await audit(
      db,
      { orgId: t.orgId, userId: null, role: 'public', kind: 'public' },
      {
        action: 'create',
        entity: 'survey',
        entityId: responseId,
        clientId: claimed.clientId,
        after: {
          channel: 'link',
          surveyLinkId: claimed.id,
          contactId: claimed.contactId,
          ...scores,
          nps: answer.nps ?? null,
          comment: cleanComment(answer.comment),
        },
      },
    );
    return { answeredAt: isoTimestamp(claimed.answeredAt) };
  });
}
