import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Nullable } from './common.js';
import { locales, roles } from './enums.js';

const oneOf = Type.Enum;

export const SignIn = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 200 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    orgId: Type.Optional(
      Type.Integer({ minimum: 1, description: 'The organisation, when one e-mail and password open users of several' }),
    ),
  },
  { additionalProperties: false },
);
export type SignInT = Static<typeof SignIn>;

export const Me = Type.Object({
  userId: Id,
  orgId: Id,
  orgName: Type.String(),
  name: Type.String(),
  email: Type.String(),
  role: Type.String(),
  locale: Type.String(),
  hasDemoData: Type.Boolean(),
});
export type MeT = Static<typeof Me>;

export const User = Type.Object({
  id: Id,
  name: Type.String(),
  email: Type.String(),
  role: oneOf(roles),
  locale: oneOf(locales),
  disabledAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
});
export type UserT = Static<typeof User>;
export const UserCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 200 }),
    role: oneOf(roles),
    locale: Type.Optional(oneOf(locales)),
    password: Type.String({ minLength: 10, maxLength: 200, description: 'At least 10 characters' }),
  },
  { additionalProperties: false },
);
export type UserCreateT = Static<typeof UserCreate>;
export const UserUpdate = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    role: oneOf(roles),
    locale: oneOf(locales),
    password: Type.String({ minLength: 10, maxLength: 200 }),
    currentPassword: Type.String({
      minLength: 1,
      maxLength: 200,
      description: "Required when changing one's own password",
    }),
    disabled: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
);
export type UserUpdateT = Static<typeof UserUpdate>;

export const SignedOutEverywhere = Type.Object({
  sessions: Type.Integer({ description: 'Sessions ended' }),
  tokens: Type.Integer({ description: 'API tokens revoked' }),
  feed: Type.Boolean({ description: 'Whether a calendar feed was revoked' }),
});
export type SignedOutEverywhereT = Static<typeof SignedOutEverywhere>;

export const ApiTokenCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Optional(oneOf(roles)),
  },
  { additionalProperties: false },
);
export const ApiToken = Type.Object({
  id: Id,
  name: Type.String(),
  role: Type.String(),
  createdAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  revokedAt: Nullable(IsoDateTime),
});
export type ApiTokenT = Static<typeof ApiToken>;
export const ApiTokenCreated = Type.Object({
  ...ApiToken.properties,
  token: Type.String({ description: 'Shown once; send as Authorization: Bearer <token>' }),
});
