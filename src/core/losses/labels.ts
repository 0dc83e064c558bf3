import type { lossReasons, significances } from '../vocabulary.js';

type Label = { ru: string; en: string };

// Names of the loss vocabularies for files the server writes (CSV/XLSX exports); the web app has the
// same words in its catalogues under enums.lossReason and enums.significance. A test keeps them in step.
export const lossReasonLabels: Record<(typeof lossReasons)[number], Label> = {
  competitor: { ru: 'Ушёл к конкуренту', en: 'Went to a competitor' },
  price: { ru: 'Цена', en: 'Price' },
  quality: { ru: 'Качество', en: 'Quality' },
  service: { ru: 'Сервис', en: 'Service' },
  logistics: { ru: 'Логистика', en: 'Logistics' },
  credit_terms: { ru: 'Условия оплаты и кредита', en: 'Credit terms' },
  client_crisis: { ru: 'Кризис или банкротство клиента', en: "The client's crisis or bankruptcy" },
  no_longer_needs: { ru: 'Больше не нуждается', en: 'No longer needs' },
  relocation: { ru: 'Переезд', en: 'Relocation' },
  other: { ru: 'Другое', en: 'Other' },
};

export const significanceLabels: Record<(typeof significances)[number], Label> = {
  key: { ru: 'Ключевой', en: 'Key' },
  major: { ru: 'Крупный', en: 'Major' },
  medium: { ru: 'Средний', en: 'Medium' },
  minor: { ru: 'Малый', en: 'Minor' },
};
