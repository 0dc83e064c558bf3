import type { CongratulationRunT } from '../../contract/calendar.js';
import {
  addDays,
  anniversaryCount,
  congratulationSourceKey,
  dueDayFrom,
  industryOf,
  leadDaysOf,
  maxCongratulationLeadDays,
  taskIsDue,
} from '../../core/calendar/congratulations.js';
import {
  holidaysForIndustry,
  professionalHolidaysOn,
  type ProfessionalHoliday,
} from '../../core/calendar/professional-holidays.js';
import {
  congratulationTaskNotes,
  congratulationTaskTitle,
  textLocaleOf,
  type EventWords,
  type GiftFact,
  type TaskNotesWords,
} from '../../core/calendar/texts.js';
import { DomainError } from '../../core/errors.js';
import type { calendarEventKinds } from '../../core/vocabulary.js';
import type { Database } from '../../db/database.js';
import { giftsGiven, type GiftRow } from '../../db/queries/calendar/gifts.js';
import { clientsInIndustries, liveIndustryGroups } from '../../db/queries/calendar/industries.js';
import { longestOwnLeadDays, personalDatesBetween } from '../../db/queries/calendar/personal-dates.js';
import { existingSourceKeys, insertGeneratedTasks } from '../../db/queries/calendar/tasks.js';
import { localesOfUsers } from '../../db/queries/access/users.js';
import { organisationIds } from '../../db/queries/organizations.js';
import type { Actor } from '../actor.js';
import { calendarSettingsFor } from './settings.js';

type Candidate = {
  sourceKey: string;
  userId: number | null;
  clientId: number;
  contactId: number | null;
  eventKind: (typeof calendarEventKinds)[number];
  eventOn: string;
  dueOn: string;
  words: EventWords;
  preferences: string | null;
  giftIdeas: string | null;
};

// The longest run of days off before a working day (the New Year break with its weekends) is under
// 20 days, so an event whose task is due by today + lead lies within today + 2 × lead + 20.
const SLACK_DAYS = 20;

const yearOf = (iso: string) => Number(iso.slice(0, 4));

/**
 * Creates the congratulation tasks that are due for an organisation on `today`, and only those not
 * created before: each task carries a source key of its occasion and year (core congratulationSourceKey)
 * and the insert skips keys that exist, so running it twice — or from two processes — creates nothing
 * new the second time, and a task a manager dismissed is never brought back.
 *
 * What gets a task (the event is still ahead and its due day — the event less the lead time, moved
 * back to a working day, core congratulationDueDay — is at most `lead` days away; a date entered too
 * late gets its task due today):
 * - birthdays of key figures (contacts.is_key_figure) and of their family members: key figures are the
 *   people whose relations the power structure of docs/domain.md §5 says to build; congratulating every contact of
 *   every client would bury the managers (the calendar still shows every birthday);
 * - every useful date (name days, company anniversaries, hobby and custom dates): someone chose to
 *   record it, with its own lead time when it has one;
 * - professional holidays, one task per live client whose industry the holiday fits (by key, label or
 *   ОКВЭД2 code). Entrepreneurs' Day, which fits every client, and the public holidays make no tasks:
 *   they are on the calendar, and a task per client on one day would be noise.
 * The responsible user is the client's owner (none when the client has no owner). Title and notes are
 * kept as words (title_words, notes_words), so each reader reads them in their own language, and
 * written once in that user's language; the notes say how the person likes to be congratulated, the gift
 * ideas, and what was given in the year before the event (interactions of kind gift: date, notes,
 * cost) to the contact, or to the client for a company date.
 */
export async function generateCongratulationTasks(
  db: Database,
  orgId: number,
  today: string,
): Promise<CongratulationRunT> {
  return db.engine.transaction(async () => {
    const { congratulationLeadDays: defaultLead } = await calendarSettingsFor(db, orgId);
    const own = await longestOwnLeadDays(db, orgId, maxCongratulationLeadDays);
    const maxLead = Math.max(defaultLead, Number(own ?? 0));
    const horizon = addDays(today, 2 * maxLead + SLACK_DAYS);
    const candidates: Candidate[] = [];

    for (const r of await personalDatesBetween(db, { orgId, from: today, to: horizon, keyFiguresOnly: true })) {
      const lead = leadDaysOf(r.lead_days, defaultLead);
      if (!taskIsDue(today, r.on_date, lead)) continue;
      const year = yearOf(r.on_date);
      const contactId = r.contact_id === null ? null : Number(r.contact_id);
      const sourceKey =
        r.kind === 'birthday'
          ? congratulationSourceKey.birthday(contactId!, year)
          : r.kind === 'family_birthday'
            ? congratulationSourceKey.familyBirthday(Number(r.family_member_id), year)
            : congratulationSourceKey.usefulDate(Number(r.useful_date_id), year);
      candidates.push({
        sourceKey,
        userId: r.owner_user_id === null ? null : Number(r.owner_user_id),
        clientId: Number(r.client_id),
        contactId,
        eventKind: r.kind,
        eventOn: r.on_date,
        dueOn: dueDayFrom(today, r.on_date, lead),
        words: {
          kind: r.kind,
          date: r.on_date,
          clientName: r.client_name,
          contactName: r.contact_name,
          familyMemberName: r.family_member_name,
          relation: r.relation,
          title: r.title,
          count: anniversaryCount(r.since_year, r.on_date),
        },
        preferences: r.congratulation_preferences,
        giftIdeas: r.gift_ideas,
      });
    }

    // Professional holidays due now; the clients they fit are read only when there is one.
    const due: { holiday: ProfessionalHoliday; date: string }[] = [];
    for (let y = yearOf(today); y <= yearOf(horizon); y += 1) {
      for (const { holiday, date } of professionalHolidaysOn(y)) {
        if (holiday.industries !== 'all' && taskIsDue(today, date, defaultLead)) due.push({ holiday, date });
      }
    }
    if (due.length > 0) {
      const fitting = new Map<string, Set<string>>(); // holiday id + year → industries it fits
      const industries = await liveIndustryGroups(db, orgId);
      for (const { holiday, date } of due) {
        const set = new Set<string>();
        for (const text of industries) {
          const industry = industryOf(text);
          if (industry && holidaysForIndustry(industry, yearOf(date)).some((h) => h.holiday.id === holiday.id))
            set.add(text);
        }
        fitting.set(`${holiday.id}:${date}`, set);
      }
      const clients = await clientsInIndustries(db, orgId, [...new Set([...fitting.values()].flatMap((s) => [...s]))]);
      for (const { holiday, date } of due) {
        const set = fitting.get(`${holiday.id}:${date}`)!;
        for (const c of clients) {
          if (!set.has(c.industry)) continue;
          candidates.push({
            sourceKey: congratulationSourceKey.professionalHoliday(holiday.id, Number(c.id), yearOf(date)),
            userId: c.owner_user_id === null ? null : Number(c.owner_user_id),
            clientId: Number(c.id),
            contactId: null,
            eventKind: 'professional_holiday',
            eventOn: date,
            dueOn: dueDayFrom(today, date, defaultLead),
            words: {
              kind: 'professional_holiday',
              date,
              holidayId: holiday.id,
              nameRu: holiday.nameRu,
              nameEn: holiday.nameEn,
              clientName: c.name,
            },
            preferences: null,
            giftIdeas: null,
          });
        }
      }
    }
    if (candidates.length === 0) return { today, created: 0, candidates: 0 };

    // Skip what exists before composing notes; the insert below skips it again under concurrency.
    const done = await existingSourceKeys(
      db,
      orgId,
      candidates.map((c) => c.sourceKey),
    );
    const fresh = candidates.filter((c) => !done.has(c.sourceKey));
    if (fresh.length === 0) return { today, created: 0, candidates: candidates.length };

    const gifts = await giftsGiven(db, {
      orgId,
      contactIds: [...new Set(fresh.flatMap((c) => (c.contactId === null ? [] : [c.contactId])))],
      clientIds: [...new Set(fresh.flatMap((c) => (c.contactId === null ? [c.clientId] : [])))],
      fromYear: Math.min(...fresh.map((c) => yearOf(c.eventOn))) - 1,
      toYear: Math.max(...fresh.map((c) => yearOf(c.eventOn))) - 1,
    });
    const giftsFor = (c: Candidate): GiftFact[] =>
      gifts
        .filter(
          (g: GiftRow) =>
            yearOf(g.on_date) === yearOf(c.eventOn) - 1 &&
            (c.contactId === null ? g.client_id === c.clientId : g.contact_id === c.contactId),
        )
        .map((g) => ({ date: g.on_date, notes: g.notes, outcome: g.outcome, costKopecks: g.money_spent }));
    const localeOf = await localesOfUsers(db, orgId);

    const values = fresh.map((c): Parameters<typeof insertGeneratedTasks>[1][number] => {
      const locale = textLocaleOf(c.userId === null ? 'ru' : localeOf.get(c.userId));
      const notesWords: TaskNotesWords = { preferences: c.preferences, giftIdeas: c.giftIdeas, gifts: giftsFor(c) };
      return {
        orgId,
        userId: c.userId,
        clientId: c.clientId,
        contactId: c.contactId,
        kind: 'congratulation',
        eventKind: c.eventKind,
        eventOn: c.eventOn,
        dueOn: c.dueOn,
        sourceKey: c.sourceKey,
        status: 'open',
        title: congratulationTaskTitle(c.words, locale).slice(0, 300),
        titleWords: c.words,
        notes: congratulationTaskNotes({ eventOn: c.eventOn, ...notesWords, locale }),
        notesWords,
      };
    });
    const created = await insertGeneratedTasks(db, values);
    return { today, created, candidates: candidates.length };
  });
}

/** Runs the generator for the actor's organisation now (owner and head of sales: "make today's tasks"). */
export async function runCongratulationTasks(db: Database, actor: Actor, today: string): Promise<CongratulationRunT> {
  if (actor.role !== 'owner' && actor.role !== 'head_of_sales') {
    throw new DomainError('forbidden', 'calendar.generatorNotAllowed');
  }
  return generateCongratulationTasks(db, actor.orgId, today);
}

/** Every organisation's tasks for `today` (the scheduler and the CLI). */
export async function generateForAllOrganisations(
  db: Database,
  today: string,
  onOrg?: (orgId: number, run: CongratulationRunT) => void,
): Promise<number> {
  let created = 0;
  for (const id of await organisationIds(db)) {
    const run = await generateCongratulationTasks(db, id, today);
    created += run.created;
    onOrg?.(id, run);
  }
  return created;
}
