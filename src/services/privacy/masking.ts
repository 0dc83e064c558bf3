import type { CalendarEventT } from '../../contract/calendar.js';
import type { ContactT } from '../../contract/clients.js';
import { can } from '../../core/access/permissions.js';
import { DomainError, fieldProblem, invalidInput } from '../../core/errors.js';
import { contactPersonalFields } from '../../core/vocabulary.js';
import { emptyPersonalFields } from '../../core/privacy/consent.js';
import type { Database } from '../../db/database.js';
import { isErased } from '../../db/queries/privacy/consents.js';
import type { Page } from '../../db/queries/records.js';
import type { Actor } from '../actor.js';
import { isoTimestamp } from '../convert.js';

/**
 * Whether a role sees contacts' personal data (core/access/permissions `seePersonalData`): everyone
 * but the analyst, who "reads all figures, cannot see contacts' personal data such as birthdays,
 * family or phones". The person's name, position and place in the buying decision stay visible: they
 * are what the figures and the base analysis are read by (who decides at a client), not private life.
 */
export const maySeePersonalData = (actor: Pick<Actor, 'role'>): boolean => can(actor.role, 'seePersonalData');

/** 403 for a role that may not see personal data (the family, useful dates and personal knowledge endpoints). */
export function assertMaySeePersonalData(actor: Actor): void {
  if (!maySeePersonalData(actor)) {
    throw new DomainError('forbidden', 'access.personalData');
  }
}

/**
 * A contact as the actor may see it: unchanged for the roles that see personal data; for an analyst
 * every personal field (core/vocabulary.ts#contactPersonalFields) empty and `personalDataHidden` set,
 * so a client can tell "hidden" from "not known". `erasedAt` is given as ISO either way.
 */
export function maskPersonalData<C extends ContactT>(actor: Pick<Actor, 'role'>, contact: C): C {
  const erasedAt = contact.erasedAt === undefined ? null : isoTimestamp(contact.erasedAt);
  if (maySeePersonalData(actor)) return { ...contact, erasedAt };
  return { ...contact, ...emptyPersonalFields(), erasedAt, personalDataHidden: true };
}

/**
 * A list cannot be ordered by a field the caller sees masked: the order of rows would tell what the
 * masked values are (an analyst sorting contacts by birthday learns whose comes first).
 */
export function refuseHiddenSort(actor: Pick<Actor, 'role'>, sort: string | undefined): void {
  const field = sort?.replace(/^-/, '');
  if (!field || maySeePersonalData(actor) || !(contactPersonalFields as readonly string[]).includes(field)) return;
  throw invalidInput([fieldProblem('sort', 'personal_data', 'access.sortPersonalData', { field })]);
}

type ContactReads = {
  get(db: Database, actor: Actor, id: number): Promise<ContactT>;
  find(db: Database, actor: Actor, query: never, extra?: never): Promise<Page<ContactT>>;
  create(db: Database, actor: Actor, input: never): Promise<ContactT>;
  update(db: Database, actor: Actor, id: number, input: never): Promise<ContactT>;
};

/**
 * The contact service with every answer passed through maskPersonalData: reads, lists (and so the
 * card, the CSV/XLSX export of contacts and the personal knowledge panel) and the echo of writes.
 */
export function withPersonalDataMasking<S extends ContactReads>(service: S): S {
  const read = service as unknown as {
    get(db: Database, actor: Actor, id: number): Promise<ContactT>;
    find(db: Database, actor: Actor, query: unknown, extra?: unknown): Promise<Page<ContactT>>;
    create(db: Database, actor: Actor, input: unknown): Promise<ContactT>;
    update(db: Database, actor: Actor, id: number, input: unknown): Promise<ContactT>;
  };
  return {
    ...service,
    async get(db: Database, actor: Actor, id: number) {
      return maskPersonalData(actor, await read.get(db, actor, id));
    },
    async find(db: Database, actor: Actor, query: unknown, extra?: unknown) {
      refuseHiddenSort(actor, (query as { sort?: string } | undefined)?.sort);
      const page = await read.find(db, actor, query, extra);
      return { ...page, items: page.items.map((c) => maskPersonalData(actor, c)) };
    },
    async create(db: Database, actor: Actor, input: unknown) {
      return maskPersonalData(actor, await read.create(db, actor, input));
    },
    async update(db: Database, actor: Actor, id: number, input: unknown) {
      return maskPersonalData(actor, await read.update(db, actor, id, input));
    },
  };
}

/** A change of a contact whose personal data were erased on request: refused, so nothing personal comes back into the placeholder row. */
export function refuseErasedContact(existing: { erasedAt: string | null } | undefined): void {
  if (existing?.erasedAt) {
    throw new DomainError('conflict', 'privacy.erased');
  }
}

type PersonalRecordUseCases = {
  get(db: Database, actor: Actor, id: number): Promise<unknown>;
  find(db: Database, actor: Actor, query: never): Promise<unknown>;
  create(db: Database, actor: Actor, input: never): Promise<unknown>;
  update(db: Database, actor: Actor, id: number, input: never): Promise<unknown>;
  remove(db: Database, actor: Actor, id: number): Promise<void>;
};

/**
 * A record service whose records are personal data as a whole (family members): every use case
 * answers 403 to a role that may not see personal data. `allowList` lets such a role list what is not
 * personal (useful dates: the company's own, which the service filters by the same rule). Nothing is
 * added to a contact whose personal data were erased (409).
 */
export function withPersonalDataGuard<S extends PersonalRecordUseCases>(
  service: S,
  options: { allowList?: (query: Record<string, unknown>) => boolean } = {},
): S {
  const s = service as unknown as Record<
    'get' | 'find' | 'create' | 'update' | 'remove',
    (db: Database, actor: Actor, ...rest: unknown[]) => Promise<unknown>
  >;
  const guard =
    (name: keyof typeof s) =>
    async (db: Database, actor: Actor, ...rest: unknown[]) => {
      const listAllowed = name === 'find' && options.allowList?.(rest[0] as Record<string, unknown>);
      if (!listAllowed) assertMaySeePersonalData(actor);
      // Nothing personal is added to a person whose data were erased.
      const contactId = name === 'create' ? (rest[0] as { contactId?: unknown } | undefined)?.contactId : undefined;
      if (typeof contactId === 'number' && (await isErased(db, actor.orgId, contactId)))
        refuseErasedContact({ erasedAt: 'erased' });
      return s[name](db, actor, ...rest);
    };
  return {
    ...service,
    get: guard('get'),
    find: guard('find'),
    create: guard('create'),
    update: guard('update'),
    remove: guard('remove'),
  };
}

/**
 * The calendar for a role: without personal data, a person's dates (their birthday, their family's,
 * their useful dates) are left out; holidays and the client companies' own dates stay.
 */
export function hidePersonalEvents(role: string, events: CalendarEventT[]): CalendarEventT[] {
  if (maySeePersonalData({ role })) return events;
  return events.filter((e) => e.contactId === undefined || e.contactId === null);
}
