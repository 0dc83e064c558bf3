// The Russian production calendar (производственный календарь), 2013–2027, as data: only the days
// that differ from "Saturday and Sunday off", so every other day follows from the weekday alone.
// Rapport ships it instead of calling a web service because its machines and CI have no network at
// run time (isdayoff.ru and the like are out).
//
// Where it comes from. Each year was transcribed from `xmlcalendar/data` (https://github.com/xmlcalendar/data,
// `ru/<year>/calendar.xml`; `<day d="MM.DD" t="1|2|3" h="holidayId" f="MM.DD">`: t=1 day off, t=2 shortened
// working day, t=3 working Saturday/Sunday, f = the day the day off was moved from) through the workplace's
// code index, and every year was cross-checked against `d10xa/holidays-calendar` (parsed from
// ConsultantPlus): `json/calendar.json` @ 9ba74b1e for 2013–2024 and `json/consultant<year>.json` for
// 2025 (@ dfe88b97), 2026 (@ c309258d) and 2027 (@ fc45ad57). The `source` of each year names the
// repository path and the commit of the version used; the index holds several versions of most files, and
// the one used is the most recent one it showed (by the file's own `date` attribute, quoted as `generated`).
// Where the two sources disagreed the year says so in `corrections`.
//
// Weekend rows of the source are dropped (a Saturday or Sunday is off anyway), and the `f` attribute is kept
// as `from` only where the source gives it (2021 onwards); older files name no origin for a moved day off.
// `xmlcalendar/data` has no LICENSE file: what is kept here are the facts of the Government decrees (dates),
// which as official documents are not objects of copyright (ГК РФ ст. 1259), checked against two
// transcriptions and restated in Rapport's own shape.
//
// 2020 and 2021 also carry the non-working days "with pay" decreed by the President (COVID-19, the 2020
// constitutional vote): businesses were closed, so reminders must skip them, although the Минтруд
// working-time norm for those years ignores them.
//
// 2027 is provisional: no Government decree on the 2027 transfers was found in the material available here.
// `xmlcalendar/data` generated the year on 2026-09-02 and `d10xa/holidays-calendar`
// `json/consultant2027.json` agrees with it day for day, but either may be the Минтруд draft, and a news
// report of 2025-12-28 (news.mail.ru/society/69263681) expected a working Saturday on 13.11.2027, which
// neither source has. Re-check the year against the decree and drop the flag.

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** The non-working holidays of ТК РФ ст. 112 (in force since 35-ФЗ of 23.04.2012); ids follow xmlcalendar's 1–8. */
export const publicHolidayIds = [
  'new_year_holidays',
  'christmas',
  'defender_of_the_fatherland_day',
  'womens_day',
  'spring_and_labour_day',
  'victory_day',
  'russia_day',
  'unity_day',
] as const;
export type PublicHolidayId = (typeof publicHolidayIds)[number];

/** A Monday–Friday that is not worked. */
export type DayOff =
  /** A ст. 112 holiday on its own date. */
  | { date: IsoDate; reason: 'holiday'; holiday: PublicHolidayId }
  /** A day off moved here from a weekend (ст. 112 part 2) or by the Government's yearly decree. */
  | { date: IsoDate; reason: 'transfer'; from?: IsoDate; holiday?: PublicHolidayId }
  /** A non-working day "with pay" by Presidential decree (2020, 2021). */
  | { date: IsoDate; reason: 'non_working'; decree: string };

export type ProductionCalendarYear = {
  /** Repository, path and commit of the version transcribed. */
  source: string;
  /** Where the transcription departs from that version, and why. */
  corrections?: readonly string[];
  /** True while the year rests on a draft or on a source generated before the Government decree. */
  provisional: boolean;
  /** Weekdays off, in date order. */
  daysOff: readonly DayOff[];
  /** Working days one hour shorter (ТК РФ ст. 95), weekdays or working Saturdays. */
  shortened: readonly IsoDate[];
  /** Saturdays and Sundays that are working days (full or shortened). */
  workingWeekends: readonly IsoDate[];
};

export const firstCalendarYear = 2013;
export const lastCalendarYear = 2027;

export const productionCalendarRu: Readonly<Record<number, ProductionCalendarYear>> = {
  2013: {
    source: 'xmlcalendar/data ru/2013/calendar.xml @ b7bfec4d4a2d0542212aaeefc8d283110a835c9f (generated 2012-12-28)',
    provisional: false,
    daysOff: [
      { date: '2013-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2013-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2013-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2013-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2013-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2013-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2013-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2013-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2013-05-02', reason: 'transfer' },
      { date: '2013-05-03', reason: 'transfer' },
      { date: '2013-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2013-05-10', reason: 'transfer' },
      { date: '2013-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2013-11-04', reason: 'holiday', holiday: 'unity_day' },
    ],
    shortened: ['2013-02-22', '2013-03-07', '2013-04-30', '2013-05-08', '2013-06-11', '2013-12-31'],
    workingWeekends: [],
  },
  2014: {
    source: 'xmlcalendar/data ru/2014/calendar.xml @ b7bfec4d4a2d0542212aaeefc8d283110a835c9f (generated 2014-05-21)',
    provisional: false,
    daysOff: [
      { date: '2014-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2014-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2014-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2014-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2014-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2014-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2014-03-10', reason: 'transfer' },
      { date: '2014-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2014-05-02', reason: 'transfer' },
      { date: '2014-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2014-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2014-06-13', reason: 'transfer' },
      { date: '2014-11-03', reason: 'transfer' },
      { date: '2014-11-04', reason: 'holiday', holiday: 'unity_day' },
    ],
    shortened: ['2014-02-24', '2014-03-07', '2014-04-30', '2014-05-08', '2014-06-11', '2014-12-31'],
    workingWeekends: [],
  },
  2015: {
    source: 'xmlcalendar/data ru/2015/calendar.xml @ f4a7c06bdcbffdb208653a597b5729bb5419f654 (generated 2014-09-02)',
    corrections: [
      'dropped 2015-02-20 and 2015-03-06 as shortened days: the days immediately before 23.02 and 08.03 were a Sunday and a Saturday (ТК РФ ст. 95 shortens only the day immediately before a holiday), and d10xa/holidays-calendar json/calendar.json @ 9ba74b1e lists neither among its preholidays',
    ],
    provisional: false,
    daysOff: [
      { date: '2015-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2015-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2015-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2015-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2015-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2015-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2015-01-09', reason: 'transfer', holiday: 'new_year_holidays' },
      { date: '2015-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2015-03-09', reason: 'transfer' },
      { date: '2015-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2015-05-04', reason: 'transfer' },
      { date: '2015-05-11', reason: 'transfer' },
      { date: '2015-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2015-11-04', reason: 'holiday', holiday: 'unity_day' },
    ],
    shortened: ['2015-04-30', '2015-05-08', '2015-06-11', '2015-11-03', '2015-12-31'],
    workingWeekends: [],
  },
  2016: {
    source: 'xmlcalendar/data ru/2016/calendar.xml @ f334e1ecc4bceb40b426b146cda2c29d7a087611 (generated 2015-09-30)',
    provisional: false,
    daysOff: [
      { date: '2016-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2016-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2016-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2016-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2016-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2016-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2016-02-22', reason: 'transfer' },
      { date: '2016-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2016-03-07', reason: 'transfer' },
      { date: '2016-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2016-05-02', reason: 'transfer' },
      { date: '2016-05-03', reason: 'transfer' },
      { date: '2016-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2016-06-13', reason: 'transfer' },
      { date: '2016-11-04', reason: 'holiday', holiday: 'unity_day' },
    ],
    shortened: ['2016-02-20', '2016-11-03'],
    workingWeekends: ['2016-02-20'],
  },
  2017: {
    source: 'xmlcalendar/data ru/2017/calendar.xml @ 8bb2235c954b9c56c858ba02c342531dede3ceb1 (generated 2016-10-19)',
    provisional: false,
    daysOff: [
      { date: '2017-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2017-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2017-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2017-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2017-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2017-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2017-02-24', reason: 'transfer' },
      { date: '2017-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2017-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2017-05-08', reason: 'transfer' },
      { date: '2017-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2017-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2017-11-06', reason: 'transfer' },
    ],
    shortened: ['2017-02-22', '2017-03-07', '2017-11-03'],
    workingWeekends: [],
  },
  2018: {
    source: 'xmlcalendar/data ru/2018/calendar.xml @ b7bfec4d4a2d0542212aaeefc8d283110a835c9f (generated 2017-10-22)',
    provisional: false,
    daysOff: [
      { date: '2018-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2018-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2018-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2018-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2018-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2018-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2018-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2018-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2018-03-09', reason: 'transfer' },
      { date: '2018-04-30', reason: 'transfer' },
      { date: '2018-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2018-05-02', reason: 'transfer' },
      { date: '2018-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2018-06-11', reason: 'transfer' },
      { date: '2018-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2018-11-05', reason: 'transfer' },
      { date: '2018-12-31', reason: 'transfer' },
    ],
    shortened: ['2018-02-22', '2018-03-07', '2018-04-28', '2018-05-08', '2018-06-09', '2018-12-29'],
    workingWeekends: ['2018-04-28', '2018-06-09', '2018-12-29'],
  },
  2019: {
    source: 'xmlcalendar/data ru/2019/calendar.xml @ f334e1ecc4bceb40b426b146cda2c29d7a087611 (generated 2018-08-20)',
    provisional: false,
    daysOff: [
      { date: '2019-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2019-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2019-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2019-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2019-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2019-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2019-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2019-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2019-05-02', reason: 'transfer' },
      { date: '2019-05-03', reason: 'transfer' },
      { date: '2019-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2019-05-10', reason: 'transfer' },
      { date: '2019-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2019-11-04', reason: 'holiday', holiday: 'unity_day' },
    ],
    shortened: ['2019-02-22', '2019-03-07', '2019-04-30', '2019-05-08', '2019-06-11', '2019-12-31'],
    workingWeekends: [],
  },
  2020: {
    source:
      'xmlcalendar/data ru/2020/calendar.xml @ 8a39a6207e9a75cf4b8d522a49ea1d1d1f52a023 (generated 2020-05-02, later amended with 24.06 and 01.07)',
    provisional: false,
    daysOff: [
      { date: '2020-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2020-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2020-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2020-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2020-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2020-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2020-02-24', reason: 'transfer' },
      { date: '2020-03-09', reason: 'transfer' },
      { date: '2020-03-30', reason: 'non_working', decree: 'Указ Президента РФ от 25.03.2020 № 206' },
      { date: '2020-03-31', reason: 'non_working', decree: 'Указ Президента РФ от 25.03.2020 № 206' },
      { date: '2020-04-01', reason: 'non_working', decree: 'Указ Президента РФ от 25.03.2020 № 206' },
      { date: '2020-04-02', reason: 'non_working', decree: 'Указ Президента РФ от 25.03.2020 № 206' },
      { date: '2020-04-03', reason: 'non_working', decree: 'Указ Президента РФ от 25.03.2020 № 206' },
      { date: '2020-04-06', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-07', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-08', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-09', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-10', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-13', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-14', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-15', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-16', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-17', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-20', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-21', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-22', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-23', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-24', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-27', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-28', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-29', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-04-30', reason: 'non_working', decree: 'Указ Президента РФ от 02.04.2020 № 239' },
      { date: '2020-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2020-05-04', reason: 'transfer' },
      { date: '2020-05-05', reason: 'transfer' },
      { date: '2020-05-06', reason: 'non_working', decree: 'Указ Президента РФ от 28.04.2020 № 294' },
      { date: '2020-05-07', reason: 'non_working', decree: 'Указ Президента РФ от 28.04.2020 № 294' },
      { date: '2020-05-08', reason: 'non_working', decree: 'Указ Президента РФ от 28.04.2020 № 294' },
      { date: '2020-05-11', reason: 'transfer' },
      { date: '2020-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2020-06-24', reason: 'non_working', decree: 'Указ Президента РФ от 29.05.2020 № 345' },
      { date: '2020-07-01', reason: 'non_working', decree: 'Указ Президента РФ от 01.06.2020 № 354' },
      { date: '2020-11-04', reason: 'holiday', holiday: 'unity_day' },
    ],
    shortened: ['2020-06-11', '2020-11-03', '2020-12-31'],
    workingWeekends: [],
  },
  2021: {
    source: 'xmlcalendar/data ru/2021/calendar.xml @ c27a1a9d04b13b9ccc6adac470f05d1417195102 (generated 2021-10-27)',
    provisional: false,
    daysOff: [
      { date: '2021-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2021-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2021-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2021-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2021-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2021-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2021-02-22', reason: 'transfer', from: '2021-02-20' },
      { date: '2021-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2021-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2021-05-03', reason: 'transfer' },
      { date: '2021-05-04', reason: 'non_working', decree: 'Указ Президента РФ от 23.04.2021 № 242' },
      { date: '2021-05-05', reason: 'non_working', decree: 'Указ Президента РФ от 23.04.2021 № 242' },
      { date: '2021-05-06', reason: 'non_working', decree: 'Указ Президента РФ от 23.04.2021 № 242' },
      { date: '2021-05-07', reason: 'non_working', decree: 'Указ Президента РФ от 23.04.2021 № 242' },
      { date: '2021-05-10', reason: 'transfer' },
      { date: '2021-06-14', reason: 'transfer' },
      { date: '2021-11-01', reason: 'non_working', decree: 'Указ Президента РФ от 20.10.2021 № 595' },
      { date: '2021-11-02', reason: 'non_working', decree: 'Указ Президента РФ от 20.10.2021 № 595' },
      { date: '2021-11-03', reason: 'non_working', decree: 'Указ Президента РФ от 20.10.2021 № 595' },
      { date: '2021-11-04', reason: 'holiday', holiday: 'unity_day' },
      { date: '2021-11-05', reason: 'transfer', from: '2021-01-02', holiday: 'new_year_holidays' },
      { date: '2021-12-31', reason: 'transfer', from: '2021-01-03', holiday: 'new_year_holidays' },
    ],
    shortened: ['2021-02-20', '2021-04-30', '2021-06-11'],
    workingWeekends: ['2021-02-20'],
  },
  2022: {
    source: 'xmlcalendar/data ru/2022/calendar.xml @ 7f47019de4be438c76242eac2b5d488f6a98994e (generated 2022-05-08)',
    provisional: false,
    daysOff: [
      { date: '2022-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2022-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2022-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2022-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2022-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2022-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2022-03-07', reason: 'transfer', from: '2022-03-05' },
      { date: '2022-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2022-05-02', reason: 'transfer', from: '2022-05-01', holiday: 'spring_and_labour_day' },
      { date: '2022-05-03', reason: 'transfer', from: '2022-01-01', holiday: 'new_year_holidays' },
      { date: '2022-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2022-05-10', reason: 'transfer', from: '2022-01-02', holiday: 'new_year_holidays' },
      { date: '2022-06-13', reason: 'transfer', from: '2022-06-12', holiday: 'russia_day' },
      { date: '2022-11-04', reason: 'holiday', holiday: 'unity_day' },
    ],
    shortened: ['2022-02-22', '2022-03-05', '2022-11-03'],
    workingWeekends: ['2022-03-05'],
  },
  2023: {
    source: 'xmlcalendar/data ru/2023/calendar.xml @ 6bc9168927640d52682fc9bed935b7d607fdbe63 (generated 2022-08-07)',
    provisional: false,
    daysOff: [
      { date: '2023-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2023-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2023-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2023-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2023-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2023-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2023-02-24', reason: 'transfer', from: '2023-01-01', holiday: 'new_year_holidays' },
      { date: '2023-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2023-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2023-05-08', reason: 'transfer', from: '2023-01-08', holiday: 'new_year_holidays' },
      { date: '2023-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2023-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2023-11-06', reason: 'transfer', from: '2023-11-04', holiday: 'unity_day' },
    ],
    shortened: ['2023-02-22', '2023-03-07', '2023-11-03'],
    workingWeekends: [],
  },
  2024: {
    source: 'xmlcalendar/data ru/2024/calendar.xml @ 072ff603c963935d574108fe427990aebb95ffde (generated 2023-09-02)',
    corrections: [
      'added the working Saturdays 2024-04-27 and 2024-12-28: this version names them as the origin (f) of the days off 29.04 and 30.12 but omits their t="3" rows; the earlier draft ru/2024/calendar.xml @ d69eb76f has them as t="3", and d10xa/holidays-calendar json/calendar.json @ 9ba74b1e leaves them out of its days off',
    ],
    provisional: false,
    daysOff: [
      { date: '2024-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2024-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2024-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2024-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2024-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2024-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2024-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2024-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2024-04-29', reason: 'transfer', from: '2024-04-27' },
      { date: '2024-04-30', reason: 'transfer', from: '2024-11-02' },
      { date: '2024-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2024-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2024-05-10', reason: 'transfer', from: '2024-01-06', holiday: 'new_year_holidays' },
      { date: '2024-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2024-11-04', reason: 'holiday', holiday: 'unity_day' },
      { date: '2024-12-30', reason: 'transfer', from: '2024-12-28' },
      { date: '2024-12-31', reason: 'transfer', from: '2024-01-07', holiday: 'christmas' },
    ],
    shortened: ['2024-02-22', '2024-03-07', '2024-05-08', '2024-06-11', '2024-11-02'],
    workingWeekends: ['2024-04-27', '2024-11-02', '2024-12-28'],
  },
  2025: {
    source: 'xmlcalendar/data ru/2025/calendar.xml @ d31f9e3795249ec3d9f8208341caeca7bcdf0db8 (generated 2024-12-01)',
    provisional: false,
    daysOff: [
      { date: '2025-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2025-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2025-01-03', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2025-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2025-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2025-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2025-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2025-05-02', reason: 'transfer', from: '2025-01-04', holiday: 'new_year_holidays' },
      { date: '2025-05-08', reason: 'transfer', from: '2025-02-23', holiday: 'defender_of_the_fatherland_day' },
      { date: '2025-05-09', reason: 'holiday', holiday: 'victory_day' },
      { date: '2025-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2025-06-13', reason: 'transfer', from: '2025-03-08', holiday: 'womens_day' },
      { date: '2025-11-03', reason: 'transfer', from: '2025-11-01' },
      { date: '2025-11-04', reason: 'holiday', holiday: 'unity_day' },
      { date: '2025-12-31', reason: 'transfer', from: '2025-01-05', holiday: 'new_year_holidays' },
    ],
    shortened: ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'],
    workingWeekends: ['2025-11-01'],
  },
  2026: {
    source: 'xmlcalendar/data ru/2026/calendar.xml @ 82c37843c499d9f7ee2084aac858d6d057d80752 (generated 2025-09-30)',
    provisional: false,
    daysOff: [
      { date: '2026-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2026-01-02', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2026-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2026-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2026-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2026-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2026-01-09', reason: 'transfer', from: '2026-01-03', holiday: 'new_year_holidays' },
      { date: '2026-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2026-03-09', reason: 'transfer', from: '2026-03-08', holiday: 'womens_day' },
      { date: '2026-05-01', reason: 'holiday', holiday: 'spring_and_labour_day' },
      { date: '2026-05-11', reason: 'transfer', from: '2026-05-09', holiday: 'victory_day' },
      { date: '2026-06-12', reason: 'holiday', holiday: 'russia_day' },
      { date: '2026-11-04', reason: 'holiday', holiday: 'unity_day' },
      { date: '2026-12-31', reason: 'transfer', from: '2026-01-04', holiday: 'new_year_holidays' },
    ],
    shortened: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
    workingWeekends: [],
  },
  2027: {
    source: 'xmlcalendar/data ru/2027/calendar.xml @ 7296460e1aa81830994e59a933afe929d56c2e47 (generated 2026-09-02)',
    provisional: true,
    daysOff: [
      { date: '2027-01-01', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2027-01-04', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2027-01-05', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2027-01-06', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2027-01-07', reason: 'holiday', holiday: 'christmas' },
      { date: '2027-01-08', reason: 'holiday', holiday: 'new_year_holidays' },
      { date: '2027-02-22', reason: 'transfer', from: '2027-02-20' },
      { date: '2027-02-23', reason: 'holiday', holiday: 'defender_of_the_fatherland_day' },
      { date: '2027-03-08', reason: 'holiday', holiday: 'womens_day' },
      { date: '2027-05-03', reason: 'transfer', from: '2027-05-01', holiday: 'spring_and_labour_day' },
      { date: '2027-05-10', reason: 'transfer', from: '2027-05-09', holiday: 'victory_day' },
      { date: '2027-06-14', reason: 'transfer', from: '2027-06-12', holiday: 'russia_day' },
      { date: '2027-11-04', reason: 'holiday', holiday: 'unity_day' },
      { date: '2027-11-05', reason: 'transfer', from: '2027-01-02', holiday: 'new_year_holidays' },
      { date: '2027-12-31', reason: 'transfer', from: '2027-01-03', holiday: 'new_year_holidays' },
    ],
    shortened: ['2027-02-20', '2027-04-30', '2027-06-11', '2027-11-03'],
    workingWeekends: ['2027-02-20'],
  },
};
