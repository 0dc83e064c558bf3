import { Type, type Static } from 'typebox';
import { COMMENT_MAX, NPS_MAX, NPS_MIN, SCORE_MAX, SCORE_MIN } from '../core/surveys/satisfaction.js';
import { ExportQuery, Id, IsoDate, IsoDateTime, Nullable, PageQuery, Problem, pageOf } from './common.js';
import { locales, surveyChannels, surveyDimensions } from './enums.js';

const oneOf = Type.Enum;

/** A dimension score of docs/domain.md §3: 1 (very poor) … 5 (excellent). */
const Score = Type.Integer({ minimum: SCORE_MIN, maximum: SCORE_MAX, description: '1 (very poor) … 5 (excellent)' });
/** The Net Promoter question: how likely to recommend us, 0 … 10. */
const NpsAnswer = Type.Integer({
  minimum: NPS_MIN,
  maximum: NPS_MAX,
  description: 'How likely to recommend us: 0 … 10',
});
const Comment = Type.String({ maxLength: COMMENT_MAX });

// Scores are left out when not given, never null: with the server's type coercion a null branch
// would quietly take a 0 as "no score" instead of refusing it.
const scoreInputs = {
  goods: Type.Optional(Score),
  staff: Type.Optional(Score),
  prices: Type.Optional(Score),
  logistics: Type.Optional(Score),
  service: Type.Optional(Score),
  company: Type.Optional(Score),
};

// ---- responses ----------------------------------------------------------------------------------

/** A manager enters what the client said after a conversation: at least one score or the NPS answer. */
export const SurveyResponseCreate = Type.Object(
  {
    clientId: Id,
    contactId: Type.Optional(Nullable(Id)),
    answeredOn: IsoDate,
    ...scoreInputs,
    nps: Type.Optional(NpsAnswer),
    comment: Type.Optional(Nullable(Comment)),
  },
  { additionalProperties: false },
);
export type SurveyResponseCreateT = Static<typeof SurveyResponseCreate>;

export const SurveyResponse = Type.Object({
  id: Id,
  clientId: Id,
  clientName: Type.String(),
  contactId: Nullable(Id),
  contactName: Nullable(Type.String()),
  channel: oneOf(surveyChannels),
  answeredOn: IsoDate,
  goods: Nullable(Type.Integer()),
  staff: Nullable(Type.Integer()),
  prices: Nullable(Type.Integer()),
  logistics: Nullable(Type.Integer()),
  service: Nullable(Type.Integer()),
  company: Nullable(Type.Integer()),
  nps: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
  /** Who entered it (manager channel); null for answers through a link. */
  userId: Nullable(Id),
  userName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type SurveyResponseT = Static<typeof SurveyResponse>;
export const SurveyResponsePage = pageOf(SurveyResponse);
export type SurveyResponsePageT = Static<typeof SurveyResponsePage>;

export const surveyResponseSorts = ['answeredOn', 'createdAt', 'clientName', 'company', 'nps'] as const;
export const SurveyResponseListQuery = Type.Object(
  {
    ...PageQuery,
    ...ExportQuery,
    clientId: Type.Optional(Id),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    channel: Type.Optional(oneOf(surveyChannels)),
  },
  { additionalProperties: false },
);
export type SurveyResponseListQueryT = Static<typeof SurveyResponseListQuery>;

/** Column headers of the survey list's CSV/XLSX export, in both languages. */
export const surveyExportLabels: Record<string, { ru: string; en: string }> = {
  id: { ru: 'Код в Rapport', en: 'Rapport ID' },
  clientId: { ru: 'Код клиента', en: 'Client ID' },
  clientName: { ru: 'Клиент', en: 'Client' },
  contactId: { ru: 'Код контакта', en: 'Contact ID' },
  contactName: { ru: 'Контактное лицо', en: 'Contact' },
  channel: { ru: 'Канал', en: 'Channel' },
  answeredOn: { ru: 'Дата ответа', en: 'Answered on' },
  goods: { ru: 'Товар (1–5)', en: 'Goods (1–5)' },
  staff: { ru: 'Персонал (1–5)', en: 'Staff (1–5)' },
  prices: { ru: 'Цены (1–5)', en: 'Prices (1–5)' },
  logistics: { ru: 'Логистика (1–5)', en: 'Logistics (1–5)' },
  service: { ru: 'Сервис (1–5)', en: 'Service (1–5)' },
  company: { ru: 'Компания в целом (1–5)', en: 'Company as a whole (1–5)' },
  nps: { ru: 'Готовность рекомендовать (0–10)', en: 'Likelihood to recommend (0–10)' },
  comment: { ru: 'Комментарий', en: 'Comment' },
  userId: { ru: 'Код пользователя', en: 'User ID' },
  userName: { ru: 'Внёс', en: 'Entered by' },
  createdAt: { ru: 'Создано', en: 'Created' },
};

// ---- one-time links -----------------------------------------------------------------------------

export const surveyLinkStatuses = ['waiting', 'answered', 'expired'] as const;

export const SurveyLinkCreate = Type.Object(
  {
    clientId: Id,
    contactId: Type.Optional(Nullable(Id)),
    locale: Type.Optional(
      oneOf(locales, { description: "The language the contact is asked in; the contact's language by default" }),
    ),
    expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90, default: 14 })),
  },
  { additionalProperties: false },
);
export type SurveyLinkCreateT = Static<typeof SurveyLinkCreate>;

/** The link, shown once: only a hash of its secret is kept, so it cannot be shown again. */
export const SurveyLinkCreated = Type.Object({
  id: Id,
  url: Type.String({
    description: 'Path of the public survey page: /survey/<orgId>.<secret>; prefix it with the server address',
  }),
  expiresAt: IsoDateTime,
});
export type SurveyLinkCreatedT = Static<typeof SurveyLinkCreated>;

export const SurveyLink = Type.Object({
  id: Id,
  clientId: Id,
  contactId: Nullable(Id),
  contactName: Nullable(Type.String()),
  locale: oneOf(locales),
  /** waiting (open), answered, or expired (also when revoked). */
  status: oneOf(surveyLinkStatuses),
  expiresAt: IsoDateTime,
  answeredAt: Nullable(IsoDateTime),
  responseId: Nullable(Id),
  createdBy: Nullable(Id),
  createdByName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type SurveyLinkT = Static<typeof SurveyLink>;
export const SurveyLinkList = Type.Object({ items: Type.Array(SurveyLink) });
export type SurveyLinkListT = Static<typeof SurveyLinkList>;
export const SurveyLinkListQuery = Type.Object(
  {
    clientId: Type.Optional(Id),
    status: Type.Optional(oneOf(surveyLinkStatuses)),
  },
  { additionalProperties: false },
);
export type SurveyLinkListQueryT = Static<typeof SurveyLinkListQuery>;

// ---- the public survey page ---------------------------------------------------------------------

export const PublicSurveyParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

/** What the public page needs, and nothing more: no ids, no e-mails or phones. */
export const PublicSurvey = Type.Object({
  /** Our organisation's name (who asks). */
  organization: Type.String(),
  /** The client's name (whose opinion is asked). */
  client: Type.String(),
  /** How to address the contact: the first name, with the patronymic in Russian; null for a link to no one. */
  contactName: Nullable(Type.String()),
  locale: oneOf(locales),
  expiresAt: IsoDateTime,
  questions: Type.Array(
    Type.Object({
      key: Type.Union([oneOf(surveyDimensions), Type.Literal('nps')]),
      text: Type.String(),
      min: Type.Integer(),
      max: Type.Integer(),
    }),
  ),
});
export type PublicSurveyT = Static<typeof PublicSurvey>;

export const PublicSurveyAnswer = Type.Object(
  {
    scores: Type.Optional(Type.Object(scoreInputs, { additionalProperties: false })),
    nps: Type.Optional(NpsAnswer),
    comment: Type.Optional(Nullable(Comment)),
  },
  { additionalProperties: false },
);
export type PublicSurveyAnswerT = Static<typeof PublicSurveyAnswer>;

export const PublicSurveyAnswered = Type.Object({ answeredAt: IsoDateTime });
export type PublicSurveyAnsweredT = Static<typeof PublicSurveyAnswered>;

/** 410: the link was answered or has expired; `detail` is in the link's language. */
export const SurveyLinkClosedProblem = Type.Object({
  ...Problem.properties,
  reason: Type.Union([Type.Literal('answered'), Type.Literal('expired')]),
  locale: oneOf(locales),
});
export type SurveyLinkClosedProblemT = Static<typeof SurveyLinkClosedProblem>;

// ---- trends -------------------------------------------------------------------------------------

export const SurveyTrendsQuery = Type.Object(
  {
    clientId: Type.Optional(Id),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    grain: Type.Optional(
      Type.Union([Type.Literal('quarter'), Type.Literal('month'), Type.Literal('year')], { default: 'quarter' }),
    ),
  },
  { additionalProperties: false },
);
export type SurveyTrendsQueryT = Static<typeof SurveyTrendsQuery>;

const Average = Nullable(Type.Number());
const Averages = Type.Object({
  goods: Average,
  staff: Average,
  prices: Average,
  logistics: Average,
  service: Average,
  company: Average,
});
const Dimension = oneOf(surveyDimensions);

export const SurveySummary = Type.Object({
  responses: Type.Integer(),
  /** Mean score (1–5) per dimension over the responses that scored it, 2 decimals. */
  averages: Averages,
  /** Mean of every dimension score given, 2 decimals. */
  overall: Nullable(Type.Number()),
  npsRespondents: Type.Integer(),
  promoters: Type.Integer(),
  passives: Type.Integer(),
  detractors: Type.Integer(),
  /** % promoters (9–10) − % detractors (0–6), −100…100, 1 decimal (Reichheld 2003). */
  nps: Nullable(Type.Number()),
});
export type SurveySummaryT = Static<typeof SurveySummary>;

export const SurveyTrends = Type.Object({
  grain: Type.String(),
  from: IsoDate,
  to: IsoDate,
  clientId: Nullable(Id),
  periods: Type.Array(Type.Object({ period: IsoDate, ...SurveySummary.properties })),
  total: SurveySummary,
  weakestDimension: Nullable(Type.Object({ dimension: Dimension, average: Type.Number() })),
  /** Per client its latest response in the period (the most recently answered clients first, up to 50). */
  latest: Type.Array(
    Type.Object({
      clientId: Id,
      clientName: Type.String(),
      answeredOn: IsoDate,
      channel: oneOf(surveyChannels),
      goods: Nullable(Type.Integer()),
      staff: Nullable(Type.Integer()),
      prices: Nullable(Type.Integer()),
      logistics: Nullable(Type.Integer()),
      service: Nullable(Type.Integer()),
      company: Nullable(Type.Integer()),
      nps: Nullable(Type.Integer()),
      overall: Nullable(Type.Number()),
    }),
  ),
  /** The clients with the lowest overall satisfaction in the period (up to 10), with their weakest dimension. */
  lowestClients: Type.Array(
    Type.Object({
      clientId: Id,
      clientName: Type.String(),
      responses: Type.Integer(),
      overall: Type.Number(),
      nps: Nullable(Type.Number()),
      lastAnsweredOn: IsoDate,
      weakestDimension: Nullable(Dimension),
      weakestAverage: Nullable(Type.Number()),
    }),
  ),
});
export type SurveyTrendsT = Static<typeof SurveyTrends>;
