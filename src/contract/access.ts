import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Nullable } from './common.js';
import { roles } from './enums.js';

/** A manager a client is shared with, besides its owner. */
export const ClientShare = Type.Object({
  userId: Id,
  userName: Type.String(),
  email: Type.String(),
  role: Type.Enum(roles),
  sharedBy: Nullable(Id),
  sharedByName: Nullable(Type.String()),
  createdAt: IsoDateTime,
});
export type ClientShareT = Static<typeof ClientShare>;

export const ClientShares = Type.Object({
  clientId: Id,
  ownerUserId: Nullable(Id),
  /** Whether the one asking may add and remove shares of this client. */
  canManage: Type.Boolean(),
  shares: Type.Array(ClientShare),
});
export type ClientSharesT = Static<typeof ClientShares>;

export const ClientShareCreate = Type.Object({ userId: Id }, { additionalProperties: false });
export type ClientShareCreateT = Static<typeof ClientShareCreate>;

export const ClientShareParams = Type.Object({
  id: Type.Integer({ minimum: 1 }),
  userId: Type.Integer({ minimum: 1 }),
});
