// What a contact is asked through a one-time survey link, and what they are told when the link no
// longer works, in the contact's language (the link's locale).
import type { SurveyDimension } from './satisfaction.js';

type Text = { ru: string; en: string };
export type SurveyLocale = 'ru' | 'en';

/** The six questions of docs/domain.md §3 (opinion of goods, staff, prices, logistics, service, the company) and the NPS question. */
export const surveyQuestions: Record<SurveyDimension | 'nps', Text> = {
  goods: {
    ru: 'Как вы оцениваете качество и ассортимент наших товаров?',
    en: 'How do you rate the quality and range of our goods?',
  },
  staff: { ru: 'Как вы оцениваете работу наших сотрудников?', en: 'How do you rate our staff?' },
  prices: { ru: 'Как вы оцениваете наши цены?', en: 'How do you rate our prices?' },
  logistics: { ru: 'Как вы оцениваете доставку и логистику?', en: 'How do you rate our delivery and logistics?' },
  service: { ru: 'Как вы оцениваете наш сервис?', en: 'How do you rate our service?' },
  company: { ru: 'Как вы оцениваете нашу компанию в целом?', en: 'How do you rate our company as a whole?' },
  nps: {
    ru: 'Насколько вероятно, что вы порекомендуете нашу компанию коллегам или партнёрам?',
    en: 'How likely is it that you would recommend our company to a colleague or business partner?',
  },
};

/** Why a link no longer takes an answer, as the respondent reads it. */
export const surveyLinkClosedMessages: Record<'answered' | 'expired', Text> = {
  answered: {
    ru: 'На этот опрос уже ответили. Спасибо за ваше мнение!',
    en: 'This survey has already been answered. Thank you for your opinion!',
  },
  expired: {
    ru: 'Срок действия этой ссылки истёк. Если вы хотите ответить, попросите вашего менеджера прислать новую ссылку.',
    en: 'This survey link has expired. If you would like to answer, ask your account manager for a new link.',
  },
};

// Russian patronymics: -ович/-евич/-ич (men), -овна/-евна/-ична/-инична (women).
const PATRONYMIC = /(ович|евич|ьич|ич|овна|евна|ична|инична)$/iu;
// Common Russian surname endings, to tell "Фамилия Имя" from "Имя Фамилия" in a two-word name.
const SURNAME = /(ов|ова|ев|ева|ёв|ёва|ин|ина|ын|ына|ский|ская|цкий|цкая|ской|ых|их|ко|ук|юк|чук|енко|ян|дзе|швили)$/iu;
const CYRILLIC = /[а-яё]/iu;

/**
 * How the survey addresses the contact: the first name, with the patronymic when the name has one
 * and the survey is in Russian (Russian business letters address people by имя и отчество:
 * «Мария Петровна»). Names are read as the CRM stores them: «Фамилия Имя Отчество», «Имя Отчество»,
 * «Фамилия Имя» (told by a Russian surname ending) or "First Last". null for an empty name.
 */
export function addressName(fullName: string | null | undefined, locale: SurveyLocale): string | null {
  const words = (fullName ?? '').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return null;
  const withPatronymic = (first: string, patronymic: string) => (locale === 'ru' ? `${first} ${patronymic}` : first);
  if (words.length >= 3 && PATRONYMIC.test(words[2]!)) return withPatronymic(words[1]!, words[2]!);
  if (words.length === 2 && PATRONYMIC.test(words[1]!)) return withPatronymic(words[0]!, words[1]!);
  if (words.length === 2 && CYRILLIC.test(words[0]!) && SURNAME.test(words[0]!)) return words[1]!;
  return words[0]!;
}
