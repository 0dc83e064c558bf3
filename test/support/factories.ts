import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.js';
import { organizations, users } from '../../src/db/schema/index.js';
import type { Actor } from '../../src/services/actor.js';
import { hashPassword } from '../../src/services/access/secrets.js';
import { roles, type Role } from '../../src/core/vocabulary.js';
import { createClient } from '../../src/services/clients/clients.js';
import { contactService } from '../../src/services/clients/contacts.js';
import { legalEntityService } from '../../src/services/clients/legal-entities.js';
import { productService } from '../../src/services/sales/products.js';

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;

/** Tests name roles as plain strings; a user's row takes one of the roles. */
function roleNamed(name: string): Role {
  const role = roles.find((r) => r === name);
  if (!role) throw new Error(`No such role: ${name}`);
  return role;
}

/** A new organisation with an owner (or the given role): every test works in a tenant of its own. */
export async function buildOrg(db: Database, role = 'owner'): Promise<Actor & { email: string; userId: number }> {
  const [org] = await db.orm
    .insert(organizations)
    .values({ name: `Org ${randomUUID().slice(0, 8)}` })
    .returning();
  const email = `user-${randomUUID()}@test.rapport`;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db.orm
    .insert(users)
    .values({ orgId: org!.id, name: 'Тест Тестов', email, role: roleNamed(role), passwordHash: await passwordHash })
    .returning();
  return { orgId: org!.id, userId: user!.id, role, email };
}

/** Adds a user of another role to an existing organisation. */
export async function buildUser(
  db: Database,
  orgId: number,
  role: string,
): Promise<Actor & { email: string; userId: number }> {
  const email = `user-${randomUUID()}@test.rapport`;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db.orm
    .insert(users)
    .values({ orgId, name: 'Второй', email, role: roleNamed(role), passwordHash: await passwordHash })
    .returning();
  return { orgId, userId: user!.id, role, email };
}

export const buildClient = (db: Database, actor: Actor, overrides: Partial<Parameters<typeof createClient>[2]> = {}) =>
  createClient(db, actor, { name: `ООО «Клиент ${randomUUID().slice(0, 6)}»`, status: 'active', ...overrides });

/**
 * ИНН 7707083893 and ОГРН 1027700132195 are ПАО Сбербанк's, public and valid. Fixtures give them to
 * several clients of one organisation, so the duplicate-requisites warning is passed over unless a
 * test asks for it (`allowDuplicateRequisites: false`; duplicate-requisites.db.test.ts).
 */
export const buildLegalEntity = (
  db: Database,
  actor: Actor,
  clientId: number,
  overrides: Record<string, unknown> = {},
) =>
  legalEntityService.create(db, actor, {
    clientId,
    fullName: 'Публичное акционерное общество «Сбербанк России»',
    legalForm: 'ПАО',
    inn: '7707083893',
    kpp: '773601001',
    ogrn: '1027700132195',
    isPrimary: true,
    allowDuplicateRequisites: true,
    ...overrides,
  } as never);

export const buildContact = (db: Database, actor: Actor, clientId: number, overrides: Record<string, unknown> = {}) =>
  contactService.create(db, actor, {
    clientId,
    fullName: 'Иванова Мария Петровна',
    position: 'Менеджер по закупкам',
    decisionRoles: ['first_contact'],
    ...overrides,
  } as never);

export const buildProduct = (db: Database, actor: Actor, overrides: Record<string, unknown> = {}) =>
  productService.create(db, actor, {
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    name: 'Перфоратор',
    unit: 'шт',
    listPrice: '1000.00',
    cost: '600.00',
    ...overrides,
  } as never);
