/**
 * What the audit log speaks of (entity), what was done (action) and how the actor came in (actor
 * kind). `import` is a whole file or the demo company: one row with its counts.
 */
export const auditEntities = [
  'client',
  'legal_entity',
  'contact',
  'order',
  'payment',
  'interaction',
  'product',
  'claim',
  'loss',
  'survey',
  'survey_link',
  'family_member',
  'useful_date',
  'contact_link',
  'client_relation',
  'consent',
  'task',
  'share',
  'setting',
  'user',
  'api_token',
  'import',
] as const;
export type AuditEntity = (typeof auditEntities)[number];

/**
 * create | update | delete; transition (a claim's workflow); disable / enable (a user); revoke (a token,
 * a survey link); erase and export (a person's personal data on request, 152-ФЗ / GDPR).
 */
export const auditActions = [
  'create',
  'update',
  'delete',
  'transition',
  'disable',
  'enable',
  'revoke',
  'erase',
  'export',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** user: a signed-in session; token: an API token; cli: the rapport command; system: the server itself; public: a person answering a public link. */
export const auditActorKinds = ['user', 'token', 'cli', 'system', 'public'] as const;
export type AuditActorKind = (typeof auditActorKinds)[number];

type Label = { ru: string; en: string };

// Names for the files the server writes (the CSV/XLSX export of the log); the web app has the same
// words in its catalogues under audit.entity / audit.action / audit.actorKind. A test keeps them in step.
export const auditEntityLabels: Record<AuditEntity, Label> = {
  client: { ru: 'Клиент', en: 'Client' },
  legal_entity: { ru: 'Юрлицо', en: 'Legal entity' },
  contact: { ru: 'Контактное лицо', en: 'Contact' },
  order: { ru: 'Документ продажи', en: 'Sales document' },
  payment: { ru: 'Оплата', en: 'Payment' },
  interaction: { ru: 'Взаимодействие', en: 'Interaction' },
  product: { ru: 'Товар', en: 'Product' },
  claim: { ru: 'Претензия', en: 'Claim' },
  loss: { ru: 'Потеря клиента', en: 'Client loss' },
  survey: { ru: 'Опрос удовлетворённости', en: 'Satisfaction survey' },
  survey_link: { ru: 'Ссылка на опрос', en: 'Survey link' },
  family_member: { ru: 'Член семьи', en: 'Family member' },
  useful_date: { ru: 'Полезная дата', en: 'Useful date' },
  contact_link: { ru: 'Связь между людьми', en: 'Link between people' },
  client_relation: { ru: 'Связь между клиентами', en: 'Link between clients' },
  consent: { ru: 'Согласие на обработку ПДн', en: 'Consent to data processing' },
  task: { ru: 'Задача', en: 'Task' },
  share: { ru: 'Доступ к клиенту', en: 'Client sharing' },
  setting: { ru: 'Настройки', en: 'Settings' },
  user: { ru: 'Пользователь', en: 'User' },
  api_token: { ru: 'API-токен', en: 'API token' },
  import: { ru: 'Загрузка данных', en: 'Data import' },
};

export const auditActionLabels: Record<AuditAction, Label> = {
  create: { ru: 'Создание', en: 'Created' },
  update: { ru: 'Изменение', en: 'Changed' },
  delete: { ru: 'Удаление', en: 'Deleted' },
  transition: { ru: 'Смена статуса', en: 'Status changed' },
  disable: { ru: 'Отключение', en: 'Disabled' },
  enable: { ru: 'Включение', en: 'Enabled' },
  revoke: { ru: 'Отзыв', en: 'Revoked' },
  erase: { ru: 'Удаление персональных данных', en: 'Personal data erased' },
  export: { ru: 'Выгрузка персональных данных', en: 'Personal data exported' },
};

export const auditActorKindLabels: Record<AuditActorKind, Label> = {
  user: { ru: 'Пользователь', en: 'User' },
  token: { ru: 'API-токен', en: 'API token' },
  cli: { ru: 'Командная строка', en: 'Command line' },
  system: { ru: 'Система', en: 'System' },
  public: { ru: 'По публичной ссылке', en: 'Through a public link' },
};
