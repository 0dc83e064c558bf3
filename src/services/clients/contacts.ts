import type { Static } from 'typebox';
import type { ContactCreate, ContactT, ContactUpdate } from '../../contract/clients.js';
import { refreshClientSearch } from '../../db/queries/client-search.js';
import { refreshBaseAnalysis } from '../../db/queries/people/base-analysis.js';
import { clients, contacts } from '../../db/schema/index.js';
import { definedOnly, isoTimestamp } from '../convert.js';
import { refuseErasedContact, withPersonalDataMasking } from '../privacy/masking.js';
import { recordService, requireRecord } from '../record-service.js';

type Row = typeof contacts.$inferSelect;

function toApi(row: Row): ContactT {
  const { orgId: _org, ...rest } = row;
  return {
    ...rest,
    createdAt: isoTimestamp(rest.createdAt),
    updatedAt: isoTimestamp(rest.updatedAt),
  };
}

/**
 * People at a client, with their roles in the buying decision (the base analysis, docs/domain.md §4) and, for key
 * figures, the personal knowledge of its power structure (traits, hobbies, how to congratulate, gift ideas).
 * Answers pass through services/privacy maskPersonalData (an analyst gets the personal fields empty).
 */
export const contactService = withPersonalDataMasking(
  recordService<Row, ContactT, Static<typeof ContactCreate>, Static<typeof ContactUpdate>>({
    title: 'contact',
    table: contacts,
    toApi,
    async toValues(db, actor, input, existing) {
      refuseErasedContact(existing);
      if ('clientId' in input && input.clientId !== undefined)
        await requireRecord(db, actor, clients, input.clientId, 'client');
      const values = definedOnly(input as Record<string, unknown>);
      if (Array.isArray(values.emails)) values.emails = (values.emails as string[]).map((e) => e.trim().toLowerCase());
      // Hobbies like tags: trimmed, no blanks, each once.
      if (Array.isArray(values.hobbies))
        values.hobbies = [...new Set((values.hobbies as string[]).map((h) => h.trim()).filter(Boolean))];
      return values;
    },
    async afterWrite(db, actor, row) {
      await refreshClientSearch(db, actor.orgId, [row.clientId]);
      // Roles, attitude, key figure, traits, birthday, preferences: the client's base analysis.
      await refreshBaseAnalysis(db, { orgId: actor.orgId, clientIds: [row.clientId] });
    },
    clientColumn: contacts.clientId,
    sortable: { fullName: contacts.fullName, createdAt: contacts.createdAt, birthday: contacts.birthday },
    defaultSort: 'fullName',
    audit: { entity: 'contact' },
  }),
);
