import type { GiftT, PersonalKnowledgeT } from '../../contract/people.js';
import { notFound } from '../../core/errors.js';
import { formatMoney } from '../../core/money/money.js';
import { lastYearWindow, nextOccurrence } from '../../core/people/dates.js';
import type { Database } from '../../db/database.js';
import { giftsOf, giftsTotalOf, type GiftRow } from '../../db/queries/people/personal.js';
import { getRecord } from '../../db/queries/records.js';
import { contacts } from '../../db/schema/index.js';
import type { Actor } from '../actor.js';
import { rowScope } from '../access/scope.js';
import { contactService } from '../clients/contacts.js';
import { isoTimestamp } from '../convert.js';
import { assertMaySeePersonalData } from '../privacy/masking.js';
import { familyMemberService } from './family.js';
import { usefulDateService } from './useful-dates.js';

const giftToApi = (g: GiftRow): GiftT => ({
  id: g.id,
  occurredAt: isoTimestamp(g.occurred_at),
  moneySpent: formatMoney(g.money_spent),
  outcome: g.outcome,
  notes: g.notes,
  userId: g.user_id,
});

/**
 * Everything known personally about one person (docs/domain.md §5, «сбор сведений о личных и профессиональных
 * особенностях», «семейный профиль», «график полезных дат», «анализ и оценка набора корректных подарков»):
 * the contact with their traits, the family, the useful dates, the gifts given (interactions of kind gift;
 * their cost is relationship spend in the client's cost to serve) and what was given in the last year
 * (core/people/dates.ts#lastYearWindow: the 12 months up to `today`, the database's clock). Personal data throughout.
 */
export async function getPersonalKnowledge(
  db: Database,
  actor: Actor,
  contactId: number,
  today = db.clock.today(),
): Promise<PersonalKnowledgeT> {
  const row = await getRecord<typeof contacts.$inferSelect>(
    db,
    contacts,
    actor.orgId,
    contactId,
    rowScope(actor, contacts),
  );
  if (!row) throw notFound('contact', contactId);
  assertMaySeePersonalData(actor);
  const window = lastYearWindow(today);
  const [contact, family, dates, gifts, total, lastYear] = await Promise.all([
    contactService.get(db, actor, contactId),
    familyMemberService.find(db, actor, { contactId, pageSize: 200, sort: 'createdAt' }),
    usefulDateService.find(db, actor, { contactId, pageSize: 200 }),
    giftsOf(db, actor.orgId, row.clientId, contactId),
    giftsTotalOf(db, actor.orgId, row.clientId, contactId),
    giftsOf(db, actor.orgId, row.clientId, contactId, { from: window.from, to: window.to }),
  ]);
  return {
    contact,
    clientId: row.clientId,
    nextBirthday: row.birthday
      ? nextOccurrence(Number(row.birthday.slice(5, 7)), Number(row.birthday.slice(8, 10)), today)
      : null,
    family: family.items,
    usefulDates: dates.items,
    gifts: gifts.map(giftToApi),
    giftsTotal: formatMoney(total),
    lastYear: {
      ...window,
      gifts: lastYear.map(giftToApi),
      total: formatMoney(lastYear.reduce((s, g) => s + Number(g.money_spent), 0)),
    },
  };
}
