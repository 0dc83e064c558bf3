/**
 * The base analysis of a client's people (docs/domain.md §4–5, «Система установления добрых отношений с клиентом»):
 *
 *   1. «Базовый анализ. Для его проведения отвечают на вопросы: с кем установлен первый контакт по продаже,
 *      какие ещё контакты установлены у клиента, кто решает вопросы о покупке, влияет на это решение,
 *      выполняет технические функции, кто решает вопросы об оплате и влияет на это решение, насколько
 *      известна «силовая структура клиента» и роль в ней.»
 *   2. «Информация по «силовой структуре»: выделение ключевых фигур …, сбор сведений о личных и
 *      профессиональных особенностях каждой из ключевых фигур, составление семейного профиля,
 *      составление графика «полезных дат», определение доступных и корректных методов установления
 *      добрых отношений.»
 *
 * Each sentence becomes a question with a stable key, answered from the contacts alone (never typed in):
 *
 * | key                   | group | answered when                                                                 |
 * |-----------------------|-------|-------------------------------------------------------------------------------|
 * | first_contact         | base  | some contact has the role first_contact                                       |
 * | other_contacts        | base  | at least 2 contacts are known («какие ещё контакты»)                          |
 * | decision_maker        | base  | some contact has the role decision_maker                                      |
 * | purchase_influencer   | base  | some contact has the role influencer                                          |
 * | technical             | base  | some contact has the role technical                                           |
 * | payment_decider       | base  | some contact has the role payment_decider                                     |
 * | payment_influencer    | base  | some contact has the role payment_influencer                                  |
 * | reporting_lines       | base  | ≥ 2 contacts, and every contact but at most one (the head) has a boss recorded |
 * | decider_attitudes     | base  | there is a decider (decision_maker or payment_decider) and every decider has an attitude to us («роль в ней») |
 * | key_figures           | power | at least one contact is marked a key figure                                   |
 * | key_figure_traits     | power | ≥ 1 key figure, and every key figure has personal or professional traits       |
 * | key_figure_family     | power | ≥ 1 key figure, and every key figure has a family member recorded              |
 * | key_figure_dates      | power | ≥ 1 key figure, and every key figure has a birthday or a useful date           |
 * | key_figure_approach   | power | ≥ 1 key figure, and every key figure has congratulation preferences recorded   |
 *
 * The list across the base computes the same answers set-based in SQL (db/queries/people/base-analysis.ts);
 * a test holds the two to each other.
 */
export const baseAnalysisQuestions = [
  'first_contact',
  'other_contacts',
  'decision_maker',
  'purchase_influencer',
  'technical',
  'payment_decider',
  'payment_influencer',
  'reporting_lines',
  'decider_attitudes',
  'key_figures',
  'key_figure_traits',
  'key_figure_family',
  'key_figure_dates',
  'key_figure_approach',
] as const;
export type BaseAnalysisQuestion = (typeof baseAnalysisQuestions)[number];

/** base: the base analysis (docs/domain.md §4); power: the information on the power structure (key figures, §5). */
export type BaseAnalysisGroup = 'base' | 'power';
export const questionGroup = (q: BaseAnalysisQuestion): BaseAnalysisGroup =>
  q.startsWith('key_figure') ? 'power' : 'base';

/** What the analysis needs to know of one contact. */
export type PersonFacts = {
  id: number;
  decisionRoles: readonly string[];
  attitude: string | null;
  isKeyFigure: boolean;
  reportsToId: number | null;
  hasTraits: boolean;
  hasFamily: boolean;
  /** A birthday on the contact or a useful date of theirs. */
  hasDates: boolean;
  hasCongratulationPreferences: boolean;
};

export type BaseAnalysisAnswer = {
  key: BaseAnalysisQuestion;
  group: BaseAnalysisGroup;
  answered: boolean;
  /** The contacts that answer it (the decision makers…) or, when it is missing, those still lacking it. */
  contactIds: number[];
};

const deciderRoles = ['decision_maker', 'payment_decider'];
const withRole = (people: readonly PersonFacts[], role: string) =>
  people.filter((p) => p.decisionRoles.includes(role)).map((p) => p.id);

/** The checklist of one client, in the order of `baseAnalysisQuestions`. */
export function baseAnalysis(people: readonly PersonFacts[]): BaseAnalysisAnswer[] {
  const keyFigures = people.filter((p) => p.isKeyFigure);
  const deciders = people.filter((p) => p.decisionRoles.some((r) => deciderRoles.includes(r)));
  const withoutBoss = people.filter((p) => p.reportsToId === null);
  const ids = (list: readonly PersonFacts[]) => list.map((p) => p.id);
  /** Every key figure has it (and there is one): answered by all of them, else missing for those without it. */
  const everyKeyFigure = (has: (p: PersonFacts) => boolean): [boolean, number[]] => {
    const lacking = keyFigures.filter((p) => !has(p));
    return keyFigures.length > 0 && lacking.length === 0 ? [true, ids(keyFigures)] : [false, ids(lacking)];
  };
  const byRole = (role: string): [boolean, number[]] => {
    const found = withRole(people, role);
    return [found.length > 0, found];
  };
  const answers: Record<BaseAnalysisQuestion, [boolean, number[]]> = {
    first_contact: byRole('first_contact'),
    other_contacts: [people.length >= 2, ids(people)],
    decision_maker: byRole('decision_maker'),
    purchase_influencer: byRole('influencer'),
    technical: byRole('technical'),
    payment_decider: byRole('payment_decider'),
    payment_influencer: byRole('payment_influencer'),
    reporting_lines:
      people.length >= 2 && withoutBoss.length <= 1
        ? [true, ids(people)]
        : [false, people.length >= 2 ? ids(withoutBoss) : []],
    decider_attitudes:
      deciders.length > 0 && deciders.every((p) => p.attitude !== null)
        ? [true, ids(deciders)]
        : [false, ids(deciders.filter((p) => p.attitude === null))],
    key_figures: [keyFigures.length > 0, ids(keyFigures)],
    key_figure_traits: everyKeyFigure((p) => p.hasTraits),
    key_figure_family: everyKeyFigure((p) => p.hasFamily),
    key_figure_dates: everyKeyFigure((p) => p.hasDates),
    key_figure_approach: everyKeyFigure((p) => p.hasCongratulationPreferences),
  };
  return baseAnalysisQuestions.map((key) => ({
    key,
    group: questionGroup(key),
    answered: answers[key][0],
    contactIds: answers[key][1],
  }));
}

/** Labels of the questions for exported sheets (the web app has its own in the locales). */
export const baseAnalysisLabels: Readonly<Record<BaseAnalysisQuestion, { ru: string; en: string }>> = {
  first_contact: { ru: 'Первый контакт известен', en: 'First contact known' },
  other_contacts: { ru: 'Есть другие контакты', en: 'Other contacts known' },
  decision_maker: { ru: 'Кто решает о покупке', en: 'Decision maker known' },
  purchase_influencer: { ru: 'Кто влияет на покупку', en: 'Purchase influencer known' },
  technical: { ru: 'Технический эксперт', en: 'Technical expert known' },
  payment_decider: { ru: 'Кто решает об оплате', en: 'Payment decider known' },
  payment_influencer: { ru: 'Кто влияет на оплату', en: 'Payment influencer known' },
  reporting_lines: { ru: 'Подчинённость известна', en: 'Reporting lines known' },
  decider_attitudes: { ru: 'Отношение решающих к нам', en: "Deciders' attitude known" },
  key_figures: { ru: 'Ключевые фигуры выделены', en: 'Key figures identified' },
  key_figure_traits: { ru: 'Особенности ключевых фигур', en: "Key figures' traits" },
  key_figure_family: { ru: 'Семейный профиль', en: 'Family profile' },
  key_figure_dates: { ru: 'Полезные даты', en: 'Useful dates' },
  key_figure_approach: { ru: 'Как поздравлять', en: 'How to congratulate' },
};
