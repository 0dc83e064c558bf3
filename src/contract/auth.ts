import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Nullable } from './common.js';
import { PASSWORD_MIN_LENGTH } from '../core/access/accounts.js';
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
  passwordTemporary: Type.Boolean({
    description: 'The password was set by someone else (a new account, a reset): the user should choose their own',
  }),
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
  lastSignInAt: Type.Optional(
    Nullable(
      Type.String({
        format: 'date-time',
        description: 'When the user last signed in (null: never); shown to those who manage users only',
      }),
    ),
  ),
  passwordTemporary: Type.Optional(
    Type.Boolean({
      description:
        'The password was set by someone else and the user has not chosen their own yet; shown to those who manage users only',
    }),
  ),
});
export type UserT = Static<typeof User>;

const password = (description = `At least ${PASSWORD_MIN_LENGTH} characters`) =>
  Type.String({ minLength: PASSWORD_MIN_LENGTH, maxLength: 200, description });

export const UserCreate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 200 }),
    role: oneOf(roles),
    locale: Type.Optional(oneOf(locales)),
    password: Type.Optional(
      password(
        `The first password, at least ${PASSWORD_MIN_LENGTH} characters; left out, the server generates one and answers it once`,
      ),
    ),
  },
  { additionalProperties: false },
);
export type UserCreateT = Static<typeof UserCreate>;
export const UserCreated = Type.Object({
  ...User.properties,
  generatedPassword: Type.Optional(
    Type.String({ description: 'The password the server generated (when none was given): shown this once' }),
  ),
});
export type UserCreatedT = Static<typeof UserCreated>;

export const PasswordReset = Type.Object(
  {
    password: Type.Optional(
      password(
        `The new temporary password, at least ${PASSWORD_MIN_LENGTH} characters; left out, the server generates one and answers it once`,
      ),
    ),
  },
  { additionalProperties: false },
);
export type PasswordResetT = Static<typeof PasswordReset>;
export const PasswordResetDone = Type.Object({
  sessions: Type.Integer({ description: "The user's sessions ended" }),
  generatedPassword: Type.Optional(
    Type.String({ description: 'The password the server generated (when none was given): shown this once' }),
  ),
});
export type PasswordResetDoneT = Static<typeof PasswordResetDone>;

export const UserUpdate = Type.Partial(
  Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 200, description: 'Changed by those who manage users' }),
    role: oneOf(roles),
    locale: oneOf(locales),
    password: password(),
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
    role: Type.Optional(
      oneOf(roles, {
        description: "The token's role, granting nothing beyond its user's own (the user's role when left out)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApiTokenCreateT = Static<typeof ApiTokenCreate>;
export const ApiTokenQuery = Type.Object(
  {
    scope: Type.Optional(
      Type.Union([Type.Literal('mine'), Type.Literal('all')], {
        description: "mine (default): your own tokens; all: every user's (the owner of the company only)",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ApiTokenQueryT = Static<typeof ApiTokenQuery>;
export const ApiToken = Type.Object({
  id: Id,
  name: Type.String(),
  role: Type.String(),
  userId: Type.Integer({ description: 'The user who issued the token and for whom it acts' }),
  userName: Type.String(),
  createdAt: IsoDateTime,
  lastUsedAt: Nullable(IsoDateTime),
  revokedAt: Nullable(IsoDateTime),
});
export type ApiTokenT = Static<typeof ApiToken>;
export const ApiTokenCreated = Type.Object({
  ...ApiToken.properties,
  token: Type.String({ description: 'Shown once; send as Authorization: Bearer <token>' }),
});
export type ApiTokenCreatedT = Static<typeof ApiTokenCreated>;
