import { eq, gte, lte, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { notFound, type MissingEntity } from '../core/errors.js';
import type { Database } from '../db/database.js';
import {
  deleteRecord,
  getRecord,
  insertRecord,
  listRecords,
  updateRecord,
  type Page,
  type TenantTable,
  type TenantTableOf,
} from '../db/queries/records.js';
import { assertCanWrite, type Actor } from './actor.js';
import { rowScope } from './access/scope.js';
import { auditRecord, type RecordAudit } from './audit/record.js';

/** How one kind of record is validated, converted and listed; the use cases below are shared. */
export type RecordSpec<Row, Api, Create, Update> = {
  /** What users see in messages: notFound.<title> in core/messages ("Contact 12 was not found"). */
  title: MissingEntity;
  table: TenantTableOf<Row>;
  toApi(row: Row): Api;
  /** Validates and converts API input to column values; `existing` is set on update. Throws DomainError. */
  toValues(db: Database, actor: Actor, input: Create | Update, existing?: Row): Promise<Record<string, unknown>>;
  /** Runs in the same transaction after a write or delete (e.g. refresh the client's search text). */
  afterWrite?(db: Database, actor: Actor, row: Row, previous?: Row): Promise<void>;
  clientColumn?: PgColumn;
  dateColumn?: PgColumn;
  sortable: Record<string, PgColumn>;
  defaultSort: string;
  /** Logs every create, update and delete of this kind (services/audit). */
  audit?: RecordAudit<Row>;
};

export type RecordQuery = {
  page?: number | undefined;
  pageSize?: number | undefined;
  sort?: string | undefined;
  clientId?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
};

/** Create, read, update, delete and list for one record kind, each scoped to the actor's organisation. */
export function recordService<Row extends { id: number }, Api, Create, Update>(
  spec: RecordSpec<Row, Api, Create, Update>,
) {
  return {
    async create(db: Database, actor: Actor, input: Create): Promise<Api> {
      assertCanWrite(actor);
      return db.engine.transaction(async () => {
        const row = await insertRecord<Row>(db, spec.table, actor.orgId, await spec.toValues(db, actor, input));
        await spec.afterWrite?.(db, actor, row);
        await auditRecord(db, actor, spec, 'create', undefined, row);
        return spec.toApi(row);
      });
    },
    async update(db: Database, actor: Actor, id: number, input: Update): Promise<Api> {
      assertCanWrite(actor);
      return db.engine.transaction(async () => {
        const existing = await getRecord<Row>(db, spec.table, actor.orgId, id, rowScope(actor, spec.table));
        if (!existing) throw notFound(spec.title, id);
        const row = await updateRecord<Row>(
          db,
          spec.table,
          actor.orgId,
          id,
          await spec.toValues(db, actor, input, existing),
        );
        if (!row) throw notFound(spec.title, id);
        await spec.afterWrite?.(db, actor, row, existing);
        await auditRecord(db, actor, spec, 'update', existing, row);
        return spec.toApi(row);
      });
    },
    async get(db: Database, actor: Actor, id: number): Promise<Api> {
      const row = await getRecord<Row>(db, spec.table, actor.orgId, id, rowScope(actor, spec.table));
      if (!row) throw notFound(spec.title, id);
      return spec.toApi(row);
    },
    async remove(db: Database, actor: Actor, id: number): Promise<void> {
      assertCanWrite(actor);
      await db.engine.transaction(async () => {
        const existing = await getRecord<Row>(db, spec.table, actor.orgId, id, rowScope(actor, spec.table));
        if (!existing || !(await deleteRecord(db, spec.table, actor.orgId, id))) throw notFound(spec.title, id);
        await spec.afterWrite?.(db, actor, existing);
        await auditRecord(db, actor, spec, 'delete', existing, undefined);
      });
    },
    async find(db: Database, actor: Actor, query: RecordQuery, extra: (SQL | undefined)[] = []): Promise<Page<Api>> {
      const where = [
        ...extra,
        rowScope(actor, spec.table),
        query.clientId && spec.clientColumn ? eq(spec.clientColumn, query.clientId) : undefined,
        query.from && spec.dateColumn ? gte(spec.dateColumn, query.from) : undefined,
        query.to && spec.dateColumn ? lte(spec.dateColumn, query.to) : undefined,
      ];
      const page = await listRecords<Row>(db, spec.table, {
        orgId: actor.orgId,
        where,
        sort: query.sort,
        sortable: spec.sortable,
        defaultSort: spec.defaultSort,
        page: query.page,
        pageSize: query.pageSize,
      });
      return { ...page, items: page.items.map(spec.toApi) };
    },
  };
}

/** A referenced record must exist in the actor's organisation and client scope; other tenants' ids look missing (404). */
export async function requireRecord(
  db: Database,
  actor: Actor,
  table: TenantTable,
  id: number,
  title: MissingEntity,
): Promise<void> {
  if (!(await getRecord(db, table, actor.orgId, id, rowScope(actor, table)))) throw notFound(title, id);
}
