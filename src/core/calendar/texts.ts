// The words the server writes itself, in the reader's language: titles and notes of generated
// congratulation tasks and the summaries of the iCalendar feed. The web app has its own catalogue
// (locales); these are for text that leaves the app as stored data or as a file.
import type { PublicHolidayId } from './production-calendar-ru.js';
import { publicHolidayNames } from './calendar.js';
import { professionalHolidays } from './professional-holidays.js';
import { withMinusSign } from '../text/minus.js';

export type TextLocale = 'ru' | 'en';
export const textLocaleOf = (locale: string | null | undefined): TextLocale => (locale === 'en' ? 'en' : 'ru');

/** "2026-08-09" → "09.08.2026" (ru, as Russian business documents write it) or "09/08/2026" (en-GB). */
export function formatIsoDate(iso: string, locale: TextLocale): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return locale === 'ru' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

/** Kopecks as roubles: 500000 → "5 000,00 ₽" (ru) or "RUB 5,000.00" (en). */
export function formatRoubles(kopecks: number, locale: TextLocale): string {
  return withMinusSign(
    new Intl.NumberFormat(locale === 'ru' ? 'ru-RU' : 'en-US', { style: 'currency', currency: 'RUB' }).format(
      kopecks / 100,
    ),
  );
}

const ruPlural = new Intl.PluralRules('ru-RU');
/** "1 год", "3 года", "50 лет" / "1 year", "50 years". */
export function yearsText(n: number, locale: TextLocale): string {
  if (locale === 'en') return `${n} ${n === 1 ? 'year' : 'years'}`;
  const form = ruPlural.select(n);
  return `${n} ${form === 'one' ? 'год' : form === 'few' ? 'года' : 'лет'}`;
}

const relationNames: Record<string, { ru: string; en: string }> = {
  spouse: { ru: 'супруг(а)', en: 'spouse' },
  child: { ru: 'ребёнок', en: 'child' },
  parent: { ru: 'родитель', en: 'parent' },
  sibling: { ru: 'брат или сестра', en: 'sibling' },
  grandchild: { ru: 'внук или внучка', en: 'grandchild' },
  other: { ru: 'родственник', en: 'relative' },
};

/** What the server needs to name an event; the calendar service's events carry these fields. */
export type EventWords = {
  kind: string;
  date: string;
  /** Public and professional holidays. */
  nameRu?: string | null | undefined;
  nameEn?: string | null | undefined;
  holidayId?: string | null | undefined;
  /** For a moved day off: the weekend day it came from. */
  movedFrom?: string | null | undefined;
  clientName?: string | null | undefined;
  contactName?: string | null | undefined;
  familyMemberName?: string | null | undefined;
  relation?: string | null | undefined;
  /** A useful date's own title ("Именины", "Открытие сезона рыбалки"). */
  title?: string | null | undefined;
  /** Age on a birthday, number of an anniversary. */
  count?: number | null | undefined;
  /** Professional holidays: how many clients it fits. */
  clientCount?: number | null | undefined;
};

const words = {
  ru: {
    birthday: 'День рождения',
    familyBirthday: 'День рождения в семье',
    dayOff: 'Выходной день',
    movedFrom: 'перенос с',
    shortened: 'Сокращённый рабочий день',
    nonWorking: 'Нерабочий день',
    congratulate: 'Поздравить',
    withHoliday: 'Поздравить с праздником',
    clients: (n: number) => `клиентов: ${n}`,
  },
  en: {
    birthday: 'Birthday',
    familyBirthday: 'Birthday in the family',
    dayOff: 'Day off',
    movedFrom: 'moved from',
    shortened: 'Shortened working day',
    nonWorking: 'Non-working day',
    congratulate: 'Congratulate',
    withHoliday: 'Congratulate on',
    clients: (n: number) => `${n} ${n === 1 ? 'client' : 'clients'}`,
  },
} as const;

const holidayName = (e: EventWords, locale: TextLocale): string => {
  const own = locale === 'ru' ? e.nameRu : e.nameEn;
  if (own) return own;
  const pub = e.holidayId ? publicHolidayNames[e.holidayId as PublicHolidayId] : undefined;
  if (pub) return pub[locale];
  // A professional holiday named by its id only (the words a generated task keeps).
  const professional = e.holidayId ? professionalHolidays.find((h) => h.id === e.holidayId) : undefined;
  if (professional) return locale === 'ru' ? professional.nameRu : professional.nameEn;
  return e.nameRu ?? e.nameEn ?? '';
};

/**
 * One line naming an event, as a calendar shows it: "День рождения: Иванова Мария Петровна, 50 лет —
 * ООО «Вектор»", "День строителя", "Выходной день (перенос с 04.01.2025)".
 */
export function eventSummary(e: EventWords, locale: TextLocale): string {
  const w = words[locale];
  const count = e.count ? `, ${yearsText(e.count, locale)}` : '';
  const client = e.clientName ? ` — ${e.clientName}` : '';
  switch (e.kind) {
    case 'public_holiday':
    case 'professional_holiday':
      return holidayName(e, locale);
    case 'transfer':
      return e.movedFrom ? `${w.dayOff} (${w.movedFrom} ${formatIsoDate(e.movedFrom, locale)})` : w.dayOff;
    case 'non_working':
      return w.nonWorking;
    case 'shortened':
      return w.shortened;
    case 'birthday':
      return `${w.birthday}: ${e.contactName ?? ''}${count}${client}`;
    case 'family_birthday': {
      const relation = relationNames[e.relation ?? 'other']?.[locale] ?? e.relation ?? '';
      return `${w.familyBirthday}: ${e.familyMemberName ?? ''} (${relation}; ${e.contactName ?? ''})${count}${client}`;
    }
    default: {
      // Useful dates: their own title, about a person or the company itself.
      const title = e.title ?? e.kind;
      return e.contactName ? `${title}: ${e.contactName}${count}${client}` : `${title}: ${e.clientName ?? ''}${count}`;
    }
  }
}

/** The title of a generated congratulation task, in the responsible manager's language. */
export function congratulationTaskTitle(e: EventWords, locale: TextLocale): string {
  const w = words[locale];
  if (e.kind === 'professional_holiday' || e.kind === 'public_holiday')
    return `${w.withHoliday} «${holidayName(e, locale)}»${e.clientName ? ` — ${e.clientName}` : ''}`;
  return `${w.congratulate} — ${eventSummary(e, locale)}`;
}

export type GiftFact = { date: string; notes: string | null; outcome?: string | null; costKopecks: number };

/**
 * What a generated congratulation task keeps to write its notes in the reader's language: how the
 * person likes to be congratulated, gift ideas, and the gifts of the year before, as they were when
 * the task was made.
 */
export type TaskNotesWords = {
  preferences?: string | null | undefined;
  giftIdeas?: string | null | undefined;
  gifts: GiftFact[];
};

/**
 * A task's title as the reader reads it: a generated congratulation's is written from its words in
 * the reader's language; one a person wrote (or a generated one a person retitled) is theirs.
 */
export const taskTitleIn = (
  task: { title: string; titleWords?: EventWords | null | undefined },
  locale: TextLocale,
): string => (task.titleWords ? congratulationTaskTitle(task.titleWords, locale).slice(0, 300) : task.title);

/** A task's notes as the reader reads them: a generated congratulation's in the reader's language, a person's as written. */
export const taskNotesIn = (
  task: { notes: string | null; notesWords?: TaskNotesWords | null | undefined; eventOn: string | null },
  locale: TextLocale,
): string | null =>
  task.notesWords && task.eventOn
    ? congratulationTaskNotes({ ...task.notesWords, eventOn: task.eventOn, locale })
    : task.notes;

const noteWords = {
  ru: {
    event: 'Дата',
    prefers: 'Как предпочитает, чтобы поздравляли',
    ideas: 'Идеи подарков',
    lastYear: (y: number) => `Что дарили в ${y} году`,
    noGift: (y: number) => `В ${y} году подарков не записано.`,
    cost: 'стоимость',
    weekday: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
  },
  en: {
    event: 'Date',
    prefers: 'Likes to be congratulated',
    ideas: 'Gift ideas',
    lastYear: (y: number) => `Given in ${y}`,
    noGift: (y: number) => `No gift recorded in ${y}.`,
    cost: 'cost',
    weekday: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  },
} as const;

/**
 * The notes of a generated task: the date and weekday of the event, how the person likes to be
 * congratulated, gift ideas, and what was given the year before (date, what, cost), so nobody gives
 * the same bottle twice.
 */
export function congratulationTaskNotes(input: {
  eventOn: string;
  preferences?: string | null | undefined;
  giftIdeas?: string | null | undefined;
  gifts: GiftFact[];
  locale: TextLocale;
}): string {
  const w = noteWords[input.locale];
  const d = new Date(`${input.eventOn}T00:00:00Z`).getUTCDay();
  const lines = [`${w.event}: ${formatIsoDate(input.eventOn, input.locale)} (${w.weekday[d]})`];
  if (input.preferences?.trim()) lines.push(`${w.prefers}: ${input.preferences.trim()}`);
  if (input.giftIdeas?.trim()) lines.push(`${w.ideas}: ${input.giftIdeas.trim()}`);
  const lastYear = Number(input.eventOn.slice(0, 4)) - 1;
  if (input.gifts.length === 0) lines.push(w.noGift(lastYear));
  else {
    lines.push(`${w.lastYear(lastYear)}:`);
    for (const g of input.gifts) {
      const what = [g.notes?.trim(), g.outcome?.trim()].filter(Boolean).join('; ') || '—';
      lines.push(
        `• ${formatIsoDate(g.date, input.locale)} — ${what}${g.costKopecks ? ` (${w.cost} ${formatRoubles(g.costKopecks, input.locale)})` : ''}`,
      );
    }
  }
  return lines.join('\n');
}
