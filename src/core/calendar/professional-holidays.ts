// Professional holidays to congratulate business clients on. They are not days off; they are reasons to
// call or send a card, so each one says which clients it fits: by simple industry keys and by ОКВЭД2
// prefixes (a client's main ОКВЭД comes with its requisites).
//
// The list, the rules, the legal basis and the ОКВЭД2 columns are those of the reference
// (docs/russian-formats.md §4, which gives the sources of each row); where the
// reference marks a basis as "not verified here" or "from memory", `verified` is false. The reference's
// dates for 2025–2027 are the test vectors in professional-holidays.test.ts.
import { workingDayOnOrBefore } from './calendar.js';
import { checkYear, daysFromCivil, toIso, weekdayOf } from './dates.js';
import type { IsoDate } from './production-calendar-ru.js';

/**
 * Simple industry keys. src/core/vocabulary.ts has no industry vocabulary (a client's industry is free
 * text), so they are defined here; the first ten are the industries of the demo data
 * (src/services/demo/vocabulary.ts), in that order and with the same Russian labels.
 */
export const industryKeys = [
  'construction',
  'retail',
  'wholesale',
  'manufacturing',
  'horeca',
  'agriculture',
  'transport',
  'energy',
  'medicine',
  'education',
  'logistics',
  'oil_gas',
  'mining',
  'geology',
  'metallurgy',
  'chemicals',
  'machine_building',
  'light_industry',
  'food_industry',
  'forestry',
  'fishery',
  'utilities',
  'media',
  'telecom',
  'it',
  'finance',
  'banking',
  'accounting',
  'legal',
  'marketing',
  'research',
  'public_sector',
] as const;
export type IndustryKey = (typeof industryKeys)[number];

export const industryLabels: Readonly<Record<IndustryKey, { ru: string; en: string }>> = {
  construction: { ru: 'Строительство', en: 'Construction' },
  retail: { ru: 'Розничная торговля', en: 'Retail' },
  wholesale: { ru: 'Оптовая торговля', en: 'Wholesale' },
  manufacturing: { ru: 'Производство', en: 'Manufacturing' },
  horeca: { ru: 'HoReCa', en: 'HoReCa' },
  agriculture: { ru: 'Сельское хозяйство', en: 'Agriculture' },
  transport: { ru: 'Транспорт и логистика', en: 'Transport and logistics' },
  energy: { ru: 'Энергетика', en: 'Energy' },
  medicine: { ru: 'Медицина', en: 'Healthcare' },
  education: { ru: 'Образование', en: 'Education' },
  logistics: { ru: 'Логистика и склад', en: 'Logistics and warehousing' },
  oil_gas: { ru: 'Нефть и газ', en: 'Oil and gas' },
  mining: { ru: 'Добыча угля и руд', en: 'Mining' },
  geology: { ru: 'Геология и разведка', en: 'Geology and exploration' },
  metallurgy: { ru: 'Металлургия', en: 'Metallurgy' },
  chemicals: { ru: 'Химическая промышленность', en: 'Chemicals' },
  machine_building: { ru: 'Машиностроение', en: 'Machine building' },
  light_industry: { ru: 'Лёгкая промышленность', en: 'Light industry' },
  food_industry: { ru: 'Пищевая промышленность', en: 'Food industry' },
  forestry: { ru: 'Лесное хозяйство и деревообработка', en: 'Forestry and wood' },
  fishery: { ru: 'Рыбное хозяйство', en: 'Fishery' },
  utilities: { ru: 'ЖКХ и бытовые услуги', en: 'Utilities and consumer services' },
  media: { ru: 'СМИ и полиграфия', en: 'Media and printing' },
  telecom: { ru: 'Связь', en: 'Telecommunications' },
  it: { ru: 'ИТ', en: 'IT' },
  finance: { ru: 'Финансы', en: 'Finance' },
  banking: { ru: 'Банки', en: 'Banking' },
  accounting: { ru: 'Бухгалтерия и аудит', en: 'Accounting and audit' },
  legal: { ru: 'Юридические услуги', en: 'Legal services' },
  marketing: { ru: 'Маркетинг и реклама', en: 'Marketing and advertising' },
  research: { ru: 'Наука и разработки', en: 'Research and development' },
  public_sector: { ru: 'Государственные органы', en: 'Public sector' },
};

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';
const weekdayNumber: Record<Weekday, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** The reference's four kinds of rule; month 1–12. */
export type HolidayRule =
  | { kind: 'fixed'; month: number; day: number }
  | { kind: 'nth_weekday'; n: 1 | 2 | 3 | 4; weekday: Weekday; month: number }
  | { kind: 'last_weekday'; weekday: Weekday; month: number }
  | { kind: 'day_of_year'; day: number };

export type ProfessionalHoliday = {
  id: string;
  nameRu: string;
  nameEn: string;
  rule: HolidayRule;
  /** Set by a legal act (true), a custom only (false), or the reference names no basis (null). */
  official: boolean | null;
  /** The act that set it (or "unofficial"), as the reference gives it. */
  basis: string;
  /** False where the reference flags the basis as not verified or from memory. */
  verified: boolean;
  /** ОКВЭД2 codes or prefixes of the clients it fits; 'all' for every client. */
  okvedPrefixes: readonly string[] | 'all';
  /** Industry keys of the clients it fits; 'all' for every client. */
  industries: readonly IndustryKey[] | 'all';
  note?: string;
};

const fixed = (day: number, month: number): HolidayRule => ({ kind: 'fixed', month, day });
const nth = (n: 1 | 2 | 3 | 4, weekday: Weekday, month: number): HolidayRule => ({
  kind: 'nth_weekday',
  n,
  weekday,
  month,
});
const last = (weekday: Weekday, month: number): HolidayRule => ({ kind: 'last_weekday', weekday, month });
const DECREE_1980 = 'Указ Президиума ВС СССР от 01.10.1980 № 3018-X (ред. 01.11.1988 № 9724-XI)';

/** In the order of the reference's table (by date). */
export const professionalHolidays: readonly ProfessionalHoliday[] = [
  {
    id: 'press_day',
    nameRu: 'День российской печати',
    nameEn: 'Russian Press Day',
    rule: fixed(13, 1),
    official: true,
    verified: true,
    basis: 'Постановление Президиума ВС РСФСР от 28.12.1991 № 3043-1',
    okvedPrefixes: ['58', '18'],
    industries: ['media'],
  },
  {
    id: 'utilities_day',
    nameRu: 'День работников бытового обслуживания населения и жилищно-коммунального хозяйства',
    nameEn: 'Utilities and Consumer Services Workers’ Day',
    rule: nth(3, 'sunday', 3),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['35', '36', '37', '38', '39', '81', '95', '96'],
    industries: ['utilities'],
    note: 'Until 1988 this day also covered trade; some organisations still congratulate trade on it (the separate Trade Workers’ Day is in July since 2013).',
  },
  {
    id: 'geologists_day',
    nameRu: 'День работников геологии',
    nameEn: 'Geologists’ Day',
    rule: nth(1, 'sunday', 4),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['09', '71.12'],
    industries: ['geology', 'mining'],
  },
  {
    id: 'radio_day',
    nameRu: 'День радио (праздник работников всех отраслей связи)',
    nameEn: 'Radio Day (telecom workers)',
    rule: fixed(7, 5),
    official: true,
    verified: false,
    basis: 'Soviet decree (not verified)',
    okvedPrefixes: ['61', '26'],
    industries: ['telecom'],
  },
  {
    id: 'entrepreneurs_day',
    nameRu: 'День российского предпринимательства',
    nameEn: 'Russian Entrepreneurs’ Day',
    rule: fixed(26, 5),
    official: true,
    verified: false,
    basis: 'Указ Президента РФ от 18.10.2007 № 1381 (number not verified)',
    okvedPrefixes: 'all',
    industries: 'all',
  },
  {
    id: 'chemists_day',
    nameRu: 'День химика',
    nameEn: 'Chemists’ Day',
    rule: last('sunday', 5),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['20', '21', '22'],
    industries: ['chemicals', 'manufacturing'],
  },
  {
    id: 'light_industry_day',
    nameRu: 'День работников текстильной и лёгкой промышленности',
    nameEn: 'Light Industry Workers’ Day',
    rule: nth(2, 'sunday', 6),
    official: true,
    verified: true,
    basis: `${DECREE_1980}; Указ Президента РФ от 17.06.2000 № 1111`,
    okvedPrefixes: ['13', '14', '15'],
    industries: ['light_industry', 'manufacturing'],
  },
  {
    id: 'medical_workers_day',
    nameRu: 'День медицинского работника',
    nameEn: 'Medical Workers’ Day',
    rule: nth(3, 'sunday', 6),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['86', '21'],
    industries: ['medicine'],
  },
  {
    id: 'inventors_day',
    nameRu: 'День изобретателя и рационализатора',
    nameEn: 'Inventors’ and Innovators’ Day',
    rule: last('saturday', 6),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['72'],
    industries: ['research', 'manufacturing'],
  },
  {
    id: 'fleet_day',
    nameRu: 'День работников морского и речного флота',
    nameEn: 'Sea and River Fleet Workers’ Day',
    rule: nth(1, 'sunday', 7),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['50'],
    industries: ['transport'],
  },
  {
    id: 'fishery_day',
    nameRu: 'День рыбака',
    nameEn: 'Fishery Workers’ Day',
    rule: nth(2, 'sunday', 7),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['03', '10.2'],
    industries: ['fishery'],
  },
  {
    id: 'metallurgists_day',
    nameRu: 'День металлурга',
    nameEn: 'Metallurgists’ Day',
    rule: nth(3, 'sunday', 7),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['24', '25'],
    industries: ['metallurgy', 'manufacturing'],
  },
  {
    id: 'trade_workers_day',
    nameRu: 'День работника торговли',
    nameEn: 'Trade Workers’ Day',
    rule: nth(4, 'saturday', 7),
    official: true,
    verified: true,
    basis: 'Указ Президента РФ от 07.05.2013 № 459',
    okvedPrefixes: ['45', '46', '47'],
    industries: ['retail', 'wholesale'],
  },
  {
    id: 'sysadmin_day',
    nameRu: 'День системного администратора',
    nameEn: 'System Administrator Appreciation Day',
    rule: last('friday', 7),
    official: false,
    verified: true,
    basis: 'unofficial',
    okvedPrefixes: ['62', '63'],
    industries: ['it'],
  },
  {
    id: 'railway_day',
    nameRu: 'День железнодорожника',
    nameEn: 'Railway Workers’ Day',
    rule: nth(1, 'sunday', 8),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['49.1', '49.2'],
    industries: ['transport'],
  },
  {
    id: 'builders_day',
    nameRu: 'День строителя',
    nameEn: 'Builders’ Day',
    rule: nth(2, 'sunday', 8),
    official: true,
    verified: true,
    basis: `Указ Президиума ВС СССР от 06.09.1955; ${DECREE_1980}`,
    okvedPrefixes: ['41', '42', '43', '23'],
    industries: ['construction'],
  },
  {
    id: 'miners_day',
    nameRu: 'День шахтёра',
    nameEn: 'Miners’ Day',
    rule: last('sunday', 8),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['05', '07', '08'],
    industries: ['mining'],
  },
  {
    id: 'oil_gas_day',
    nameRu: 'День работников нефтяной и газовой промышленности',
    nameEn: 'Oil and Gas Workers’ Day',
    rule: nth(1, 'sunday', 9),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['06', '09.1', '19', '35.2'],
    industries: ['oil_gas'],
  },
  {
    id: 'financiers_day',
    nameRu: 'День финансиста',
    nameEn: 'Financiers’ Day',
    rule: fixed(8, 9),
    official: true,
    verified: true,
    basis: 'Указ Президента РФ от 19.08.2011 № 1101',
    okvedPrefixes: ['64', '65', '66'],
    industries: ['finance', 'banking'],
  },
  {
    id: 'programmers_day',
    nameRu: 'День программиста',
    nameEn: 'Programmers’ Day',
    rule: { kind: 'day_of_year', day: 256 },
    official: true,
    verified: false,
    basis: 'Указ Президента РФ от 11.09.2009 № 1034 (number not verified)',
    okvedPrefixes: ['62', '63'],
    industries: ['it'],
    note: 'The 256th day of the year: 13 September, 12 September in a leap year.',
  },
  {
    id: 'forestry_day',
    nameRu: 'День работников леса',
    nameEn: 'Forestry Workers’ Day',
    rule: nth(3, 'sunday', 9),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['02', '16', '17'],
    industries: ['forestry'],
  },
  {
    id: 'nuclear_day',
    nameRu: 'День работника атомной промышленности',
    nameEn: 'Nuclear Industry Workers’ Day',
    rule: fixed(28, 9),
    official: true,
    verified: false,
    basis: 'Указ Президента РФ 2005 (not verified)',
    okvedPrefixes: ['24.46'],
    industries: ['energy'],
  },
  {
    id: 'machine_builders_day',
    nameRu: 'День машиностроителя',
    nameEn: 'Machine Builders’ Day',
    rule: last('sunday', 9),
    official: true,
    verified: true,
    basis: DECREE_1980,
    okvedPrefixes: ['28', '29', '30', '27'],
    industries: ['machine_building', 'manufacturing'],
  },
  {
    id: 'teachers_day',
    nameRu: 'День учителя',
    nameEn: 'Teachers’ Day',
    rule: fixed(5, 10),
    official: null,
    verified: false,
    basis: 'not given in the reference',
    okvedPrefixes: ['85'],
    industries: ['education'],
  },
  {
    id: 'agriculture_day',
    nameRu: 'День работника сельского хозяйства и перерабатывающей промышленности',
    nameEn: 'Agriculture and Processing Industry Workers’ Day',
    rule: nth(2, 'sunday', 10),
    official: true,
    verified: false,
    basis: 'Указ Президента РФ от 31.05.1999 № 679 (not verified)',
    okvedPrefixes: ['01', '10', '11'],
    industries: ['agriculture', 'food_industry'],
    note: 'The 1988 text of decree 3018-X put it on the third Sunday of November.',
  },
  {
    id: 'food_industry_day',
    nameRu: 'День работников пищевой промышленности',
    nameEn: 'Food Industry Workers’ Day',
    rule: nth(3, 'sunday', 10),
    official: true,
    verified: true,
    basis: `Указ Президиума ВС СССР 1966; ${DECREE_1980}`,
    okvedPrefixes: ['10', '11'],
    industries: ['food_industry', 'manufacturing'],
  },
  {
    id: 'road_workers_day',
    nameRu: 'День работников дорожного хозяйства',
    nameEn: 'Road Workers’ Day',
    rule: nth(3, 'sunday', 10),
    official: true,
    verified: true,
    basis: 'Указ Президента РФ от 23.03.2000 № 556',
    okvedPrefixes: ['42.11', '52.21'],
    industries: ['construction', 'transport'],
  },
  {
    id: 'advertising_day',
    nameRu: 'День работника рекламы',
    nameEn: 'Advertising Workers’ Day',
    rule: fixed(23, 10),
    official: false,
    verified: true,
    basis: 'unofficial',
    okvedPrefixes: ['73.1'],
    industries: ['marketing', 'media'],
  },
  {
    id: 'marketers_day',
    nameRu: 'День маркетолога',
    nameEn: 'Marketers’ Day',
    rule: fixed(25, 10),
    official: false,
    verified: true,
    basis: 'unofficial',
    okvedPrefixes: ['73'],
    industries: ['marketing'],
  },
  {
    id: 'motorists_day',
    nameRu: 'День работника автомобильного и городского пассажирского транспорта',
    nameEn: 'Road and Urban Passenger Transport Workers’ Day',
    rule: last('sunday', 10),
    official: true,
    verified: true,
    basis: 'Указ Президента РФ от 25.06.2012 № 897',
    okvedPrefixes: ['45', '49.3', '49.4'],
    industries: ['transport', 'logistics'],
  },
  {
    id: 'economists_day',
    nameRu: 'День экономиста',
    nameEn: 'Economists’ Day',
    rule: fixed(11, 11),
    official: false,
    verified: true,
    basis: 'unofficial',
    okvedPrefixes: ['70', '69'],
    industries: ['finance', 'accounting'],
  },
  {
    id: 'transport_workers_day',
    nameRu: 'День работника транспорта',
    nameEn: 'Transport Workers’ Day',
    rule: fixed(20, 11),
    official: true,
    verified: true,
    basis: 'приказ Минтранса России 2020',
    okvedPrefixes: ['49', '50', '51', '52', '53'],
    industries: ['transport', 'logistics'],
  },
  {
    id: 'accountants_day',
    nameRu: 'День бухгалтера',
    nameEn: 'Accountants’ Day',
    rule: fixed(21, 11),
    official: false,
    verified: true,
    basis: 'unofficial (129-ФЗ signed 21.11.1996)',
    okvedPrefixes: ['69.2'],
    industries: ['accounting'],
    note: 'Also kept on 10 November or 28 November by some (a klerk.ru poll: 70 % use 21.11, 22 % 10.11, 8 % 28.11).',
  },
  {
    id: 'tax_officials_day',
    nameRu: 'День работника налоговых органов',
    nameEn: 'Tax Officials’ Day',
    rule: fixed(21, 11),
    official: true,
    verified: true,
    basis: 'Указ Президента РФ от 11.11.2000 № 1868',
    okvedPrefixes: [],
    industries: ['public_sector'],
  },
  {
    id: 'logistics_day',
    nameRu: 'День логиста',
    nameEn: 'Logistics Day',
    rule: fixed(28, 11),
    official: false,
    verified: true,
    basis: 'unofficial',
    okvedPrefixes: ['52', '49.41'],
    industries: ['logistics', 'transport'],
  },
  {
    id: 'bank_workers_day',
    nameRu: 'День банковского работника',
    nameEn: 'Bank Workers’ Day',
    rule: fixed(2, 12),
    official: false,
    verified: true,
    basis: 'unofficial',
    okvedPrefixes: ['64.1'],
    industries: ['banking'],
  },
  {
    id: 'lawyers_day',
    nameRu: 'День юриста',
    nameEn: 'Lawyers’ Day',
    rule: fixed(3, 12),
    official: true,
    verified: false,
    basis: 'Указ Президента РФ от 04.02.2008 № 130 (number not verified)',
    okvedPrefixes: ['69.1'],
    industries: ['legal'],
  },
  {
    id: 'power_engineers_day',
    nameRu: 'День энергетика',
    nameEn: 'Power Engineers’ Day',
    rule: fixed(22, 12),
    official: true,
    verified: true,
    basis: 'Постановление Правительства РФ № 1396 (December 2015)',
    okvedPrefixes: ['35.1'],
    industries: ['energy'],
    note: 'The third Sunday of December from 1988 to 2015.',
  },
];

/**
 * The date of a rule in a year: a fixed date; the n-th given weekday of a month (the first one on or
 * after the 1st, then + 7 days each); the last given weekday of a month (counting back from its last
 * day); or the n-th day of the year (1 = 1 January). RangeError when the rule gives no date in the year.
 */
export function dateOfRule(rule: HolidayRule, year: number): IsoDate {
  checkYear(year);
  switch (rule.kind) {
    case 'fixed':
      return checked(daysFromCivil(year, rule.month, rule.day), year, rule.month);
    case 'nth_weekday': {
      const first = daysFromCivil(year, rule.month, 1);
      const offset = (weekdayNumber[rule.weekday] - weekdayOf(first) + 7) % 7;
      return toIso(first + offset + 7 * (rule.n - 1));
    }
    case 'last_weekday': {
      const lastDay = (rule.month === 12 ? daysFromCivil(year + 1, 1, 1) : daysFromCivil(year, rule.month + 1, 1)) - 1;
      const offset = (weekdayOf(lastDay) - weekdayNumber[rule.weekday] + 7) % 7;
      return toIso(lastDay - offset);
    }
    case 'day_of_year':
      return checked(daysFromCivil(year, 1, 1) + rule.day - 1, year);
  }
}

function checked(n: number, year: number, month?: number): IsoDate {
  const iso = toIso(n);
  if (Number(iso.slice(0, 4)) !== year || (month !== undefined && Number(iso.slice(5, 7)) !== month)) {
    throw new RangeError(`the rule gives no date in ${year}`);
  }
  return iso;
}

export type ProfessionalHolidayDate = {
  holiday: ProfessionalHoliday;
  date: IsoDate;
  /** The date itself when it is a working day, else the working day before: when a congratulation can go out. */
  sendOn: IsoDate;
};

/**
 * Every professional holiday of the catalogue (the reference's §4.2 table) with its date in the year by
 * its rule (dateOfRule), in date order, each with the working day to send a congratulation on
 * (calendar.ts workingDayOnOrBefore, so the production calendar or, outside 2013–2027, its rules).
 */
export function professionalHolidaysOn(year: number): ProfessionalHolidayDate[] {
  checkYear(year);
  return professionalHolidays
    .map((holiday) => {
      const date = dateOfRule(holiday.rule, year);
      return { holiday, date, sendOn: workingDayOnOrBefore(date) };
    })
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const OKVED = /^\d{2}(?:\.\d{1,2}){0,3}$/;

// "41" covers "41.20" but not "410"; "49.1" covers "49.10".
const fitsOkved = (code: string, prefixes: readonly string[] | 'all'): boolean =>
  prefixes === 'all' || prefixes.some((p) => code === p || code.startsWith(p.includes('.') ? p : `${p}.`));

/**
 * The professional holidays of a year that fit a client: `industry` is an industry key (industryKeys) or
 * an ОКВЭД2 code such as "46.90" or "41", matched against the catalogue's ОКВЭД2 prefixes (the reference's
 * §4.2 column; "49.1" covers "49.10"). Holidays for every client (Entrepreneurs' Day) are always included.
 * Dates as professionalHolidaysOn. RangeError for a string that is neither.
 */
export function holidaysForIndustry(industry: IndustryKey | string, year: number): ProfessionalHolidayDate[] {
  const key = (industryKeys as readonly string[]).includes(industry) ? (industry as IndustryKey) : null;
  if (!key && !OKVED.test(industry))
    throw new RangeError(`"${industry}" is neither an industry key nor an ОКВЭД2 code`);
  return professionalHolidaysOn(year).filter(({ holiday }) =>
    key ? holiday.industries === 'all' || holiday.industries.includes(key) : fitsOkved(industry, holiday.okvedPrefixes),
  );
}
