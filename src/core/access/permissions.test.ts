import { describe, expect, it } from 'vitest';
import { roles } from '../vocabulary.js';
import { can, capabilities, capabilitiesOf, ownerChangeAllowed, roleWithin, type Capability } from './permissions.js';

// The table of the doc comment, row by row: a change of a right shows up here and in review.
const expected: Record<Capability, string[]> = {
  administer: ['owner'],
  manageUsers: ['owner', 'head_of_sales'],
  changeSettings: ['owner', 'head_of_sales'],
  importData: ['owner', 'head_of_sales'],
  writeRecords: ['owner', 'head_of_sales', 'manager'],
  seeAllClients: ['owner', 'head_of_sales', 'analyst', 'read_only'],
  reassignClients: ['owner', 'head_of_sales'],
  shareClients: ['owner', 'head_of_sales', 'manager'],
  seePersonalData: ['owner', 'head_of_sales', 'manager', 'read_only'],
};

describe('capabilities per role', () => {
  it.each(capabilities.map((c) => [c]))('%s goes to exactly the roles of the table', (capability) => {
    expect(roles.filter((r) => can(r, capability))).toEqual(expected[capability]);
  });

  it('gives the owner everything and an unknown role nothing', () => {
    expect(capabilitiesOf('owner')).toEqual([...capabilities]);
    expect(capabilitiesOf('intruder')).toEqual([]);
    expect(can('', 'writeRecords')).toBe(false);
  });

  it('matches the roles that may write records in the vocabulary', async () => {
    const { writerRoles } = await import('../vocabulary.js');
    expect(roles.filter((r) => can(r, 'writeRecords'))).toEqual([...writerRoles]);
  });
});

describe("who may set a client's owner", () => {
  it('lets the head of sales and the owner set anyone, on create and on change', () => {
    for (const role of ['owner', 'head_of_sales']) {
      expect(ownerChangeAllowed(role, 1, undefined, 7)).toBe(true);
      expect(ownerChangeAllowed(role, 1, { ownerUserId: 5 }, 7)).toBe(true);
      expect(ownerChangeAllowed(role, 1, { ownerUserId: 5 }, null)).toBe(true);
    }
  });

  it('lets a manager create a client only for themselves', () => {
    expect(ownerChangeAllowed('manager', 3, undefined, undefined)).toBe(true);
    expect(ownerChangeAllowed('manager', 3, undefined, 3)).toBe(true);
    expect(ownerChangeAllowed('manager', 3, undefined, 4)).toBe(false);
    expect(ownerChangeAllowed('manager', 3, undefined, null)).toBe(false);
    expect(ownerChangeAllowed('manager', null, undefined, 3)).toBe(false);
  });

  it('never lets a manager reassign: not their own client, not a shared one, not to themselves', () => {
    expect(ownerChangeAllowed('manager', 3, { ownerUserId: 3 }, 3)).toBe(true);
    expect(ownerChangeAllowed('manager', 3, { ownerUserId: 3 }, undefined)).toBe(true);
    expect(ownerChangeAllowed('manager', 3, { ownerUserId: 3 }, 4)).toBe(false);
    expect(ownerChangeAllowed('manager', 3, { ownerUserId: 3 }, null)).toBe(false);
    expect(ownerChangeAllowed('manager', 3, { ownerUserId: 4 }, 3)).toBe(false);
    expect(ownerChangeAllowed('manager', 3, { ownerUserId: null }, 3)).toBe(false);
    expect(ownerChangeAllowed('manager', 3, { ownerUserId: 4 }, 4)).toBe(true);
  });
});

describe('roles within roles (API tokens)', () => {
  it('lets a role issue its own role and the roles it covers', () => {
    for (const r of roles) expect(roleWithin(r, 'owner')).toBe(true);
    expect(roleWithin('manager', 'head_of_sales')).toBe(true);
    expect(roleWithin('analyst', 'head_of_sales')).toBe(true);
    expect(roleWithin('read_only', 'head_of_sales')).toBe(true);
    expect(roleWithin('analyst', 'read_only')).toBe(true);
    expect(roleWithin('manager', 'manager')).toBe(true);
  });

  it('refuses a manager a read-only or analyst token (they see every client) and an analyst a read-only one (personal data)', () => {
    expect(roleWithin('read_only', 'manager')).toBe(false);
    expect(roleWithin('analyst', 'manager')).toBe(false);
    expect(roleWithin('read_only', 'analyst')).toBe(false);
    expect(roleWithin('owner', 'head_of_sales')).toBe(false);
  });
});
