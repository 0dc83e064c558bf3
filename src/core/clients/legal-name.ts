/**
 * How a legal entity is named in a heading: its short name when it has one («ООО «Ромашка»»), else
 * its full name, with the legal form in front only when the name does not already say it — the full
 * name of a company spells the form out («Публичное акционерное общество «…»»), so "ПАО Публичное
 * акционерное общество «…»" said it twice.
 */
const spelledOut: Record<string, string> = {
  ООО: 'общество с ограниченной ответственностью',
  АО: 'акционерное общество',
  ПАО: 'публичное акционерное общество',
  ЗАО: 'закрытое акционерное общество',
  НАО: 'непубличное акционерное общество',
  ОАО: 'открытое акционерное общество',
  ИП: 'индивидуальный предприниматель',
  НКО: 'некоммерческая организация',
  ГУП: 'государственное унитарное предприятие',
  МУП: 'муниципальное унитарное предприятие',
};

export function legalEntityTitle(entity: {
  legalForm: string | null;
  fullName: string;
  shortName?: string | null;
}): string {
  const name = (entity.shortName?.trim() || entity.fullName).trim();
  const form = entity.legalForm?.trim();
  if (!form) return name;
  const lower = name.toLowerCase();
  const saysForm =
    lower.startsWith(`${form.toLowerCase()} `) ||
    lower === form.toLowerCase() ||
    (spelledOut[form.toUpperCase()] !== undefined && lower.startsWith(spelledOut[form.toUpperCase()]!));
  return saysForm ? name : `${form} ${name}`;
}
