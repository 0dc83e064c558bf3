import {
  attitudes,
  clientStatuses,
  decisionRoles,
  deliveryMethods,
  familyRelations,
  financialConditions,
  influenceLevels,
  interactionKinds,
  orderStatuses,
  relationKinds,
  usefulDateKinds,
} from './vocabulary.js';

type Label = { ru: string; en: string };
type Labels<T extends readonly string[]> = Record<T[number], Label>;

// Names of the closed vocabularies for the files the server writes (CSV/XLSX exports), so a status reads
// "Активный", not "active"; the web app has the same words in its catalogues under enums.<name>, and a
// test keeps them in step.

export const clientStatusLabels: Labels<typeof clientStatuses> = {
  prospect: { ru: 'Потенциальный', en: 'Prospect' },
  active: { ru: 'Активный', en: 'Active' },
  lost: { ru: 'Потерян', en: 'Lost' },
};

export const orderStatusLabels: Labels<typeof orderStatuses> = {
  draft: { ru: 'Черновик', en: 'Draft' },
  confirmed: { ru: 'Подтверждён', en: 'Confirmed' },
  shipped: { ru: 'Отгружен', en: 'Shipped' },
  completed: { ru: 'Выполнен', en: 'Completed' },
  cancelled: { ru: 'Отменён', en: 'Cancelled' },
};

export const deliveryMethodLabels: Labels<typeof deliveryMethods> = {
  pickup: { ru: 'Самовывоз', en: 'Pickup' },
  delivery: { ru: 'Доставка', en: 'Delivery' },
};

export const interactionKindLabels: Labels<typeof interactionKinds> = {
  call: { ru: 'Звонок', en: 'Call' },
  meeting: { ru: 'Встреча', en: 'Meeting' },
  visit: { ru: 'Визит', en: 'Visit' },
  email: { ru: 'Письмо', en: 'E-mail' },
  reception: { ru: 'Приём', en: 'Reception' },
  gift: { ru: 'Подарок', en: 'Gift' },
  congratulation: { ru: 'Поздравление', en: 'Congratulation' },
  training: { ru: 'Обучение', en: 'Training' },
};

export const decisionRoleLabels: Labels<typeof decisionRoles> = {
  first_contact: { ru: 'Первый контакт', en: 'First contact' },
  decision_maker: { ru: 'Принимает решение', en: 'Decision maker' },
  influencer: { ru: 'Влияет на решение', en: 'Influencer' },
  technical: { ru: 'Технический эксперт', en: 'Technical expert' },
  payment_decider: { ru: 'Решает об оплате', en: 'Approves payment' },
  payment_influencer: { ru: 'Влияет на оплату', en: 'Influences payment' },
};

export const influenceLabels: Labels<typeof influenceLevels> = {
  low: { ru: 'Низкое', en: 'Low' },
  medium: { ru: 'Среднее', en: 'Medium' },
  high: { ru: 'Высокое', en: 'High' },
};

export const attitudeLabels: Labels<typeof attitudes> = {
  ally: { ru: 'Союзник', en: 'Ally' },
  neutral: { ru: 'Нейтрален', en: 'Neutral' },
  opponent: { ru: 'Противник', en: 'Opponent' },
};

export const familyRelationLabels: Labels<typeof familyRelations> = {
  spouse: { ru: 'Супруг(а)', en: 'Spouse' },
  child: { ru: 'Ребёнок', en: 'Child' },
  parent: { ru: 'Родитель', en: 'Parent' },
  sibling: { ru: 'Брат или сестра', en: 'Sibling' },
  grandchild: { ru: 'Внук или внучка', en: 'Grandchild' },
  other: { ru: 'Другое', en: 'Other' },
};

export const usefulDateKindLabels: Labels<typeof usefulDateKinds> = {
  name_day: { ru: 'Именины', en: 'Name day' },
  company_anniversary: { ru: 'Годовщина компании', en: 'Company anniversary' },
  hobby: { ru: 'Дата хобби', en: 'Hobby date' },
  custom: { ru: 'Своя дата', en: 'Custom date' },
};

export const financialConditionLabels: Labels<typeof financialConditions> = {
  stable: { ru: 'Устойчивое', en: 'Stable' },
  moderate: { ru: 'Удовлетворительное', en: 'Moderate' },
  weak: { ru: 'Слабое', en: 'Weak' },
  critical: { ru: 'Критическое', en: 'Critical' },
  unknown: { ru: 'Неизвестно', en: 'Unknown' },
};

export const relationKindLabels: Labels<typeof relationKinds> = {
  holding: { ru: 'Холдинг', en: 'Holding' },
  subsidiary: { ru: 'Дочерняя компания', en: 'Subsidiary' },
  partner: { ru: 'Партнёр', en: 'Partner' },
  supplier: { ru: 'Поставщик', en: 'Supplier' },
  customer: { ru: 'Покупатель', en: 'Customer' },
  competitor: { ru: 'Конкурент', en: 'Competitor' },
  other: { ru: 'Другое', en: 'Other' },
};

/** Yes and no, for a flag in a file. */
export const yesNoLabels = { yes: { ru: 'да', en: 'yes' }, no: { ru: 'нет', en: 'no' } } as const;

/**
 * Each vocabulary with its names, by its name in the web catalogues (enums.<name>): an exporter that
 * knows only a column's allowed values (its schema's enum) finds the names by them.
 */
export const labelledVocabularies: { name: string; values: readonly string[]; labels: Record<string, Label> }[] = [
  { name: 'clientStatus', values: clientStatuses, labels: clientStatusLabels },
  { name: 'orderStatus', values: orderStatuses, labels: orderStatusLabels },
  { name: 'deliveryMethod', values: deliveryMethods, labels: deliveryMethodLabels },
  { name: 'interactionKind', values: interactionKinds, labels: interactionKindLabels },
  { name: 'decisionRole', values: decisionRoles, labels: decisionRoleLabels },
  { name: 'influence', values: influenceLevels, labels: influenceLabels },
  { name: 'attitude', values: attitudes, labels: attitudeLabels },
  { name: 'familyRelation', values: familyRelations, labels: familyRelationLabels },
  { name: 'usefulDateKind', values: usefulDateKinds, labels: usefulDateKindLabels },
  { name: 'financialCondition', values: financialConditions, labels: financialConditionLabels },
  { name: 'relationKind', values: relationKinds, labels: relationKindLabels },
];
