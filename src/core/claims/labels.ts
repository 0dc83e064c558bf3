import type { ClaimCategory, ClaimSeverity, ClaimStatus, ClaimType } from './claims.js';

type Label = { ru: string; en: string };

// Names of the claim vocabularies for files the server writes (CSV/XLSX exports); the web app has the
// same words in its catalogues under enums.claim*. A test keeps the two in step.
export const claimTypeLabels: Record<ClaimType, Label> = {
  claim: { ru: 'Претензия', en: 'Claim' },
  wish: { ru: 'Пожелание', en: 'Wish' },
  suggestion: { ru: 'Предложение', en: 'Suggestion' },
};

export const claimCategoryLabels: Record<ClaimCategory, Label> = {
  quality: { ru: 'Качество', en: 'Quality' },
  delivery: { ru: 'Доставка', en: 'Delivery' },
  documents: { ru: 'Документы', en: 'Documents' },
  staff: { ru: 'Персонал', en: 'Staff' },
  price: { ru: 'Цена', en: 'Price' },
  assortment: { ru: 'Ассортимент', en: 'Assortment' },
  payment: { ru: 'Оплата и расчёты', en: 'Payment' },
  other: { ru: 'Другое', en: 'Other' },
};

export const claimSeverityLabels: Record<ClaimSeverity, Label> = {
  low: { ru: 'Низкая', en: 'Low' },
  medium: { ru: 'Средняя', en: 'Medium' },
  high: { ru: 'Высокая', en: 'High' },
  critical: { ru: 'Критическая', en: 'Critical' },
};

export const claimStatusLabels: Record<ClaimStatus, Label> = {
  new: { ru: 'Новая', en: 'New' },
  in_progress: { ru: 'В работе', en: 'In progress' },
  resolved: { ru: 'Решена', en: 'Resolved' },
  rejected: { ru: 'Отклонена', en: 'Rejected' },
};
