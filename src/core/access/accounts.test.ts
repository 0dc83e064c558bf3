import { describe, expect, it } from 'vitest';
import { assignableRoles, changeRefusal, createRefusal, tokenRoles } from './accounts.js';

const owner = { role: 'owner', userId: 1 };
const head = { role: 'head_of_sales', userId: 2 };
const manager = { role: 'manager', userId: 3 };
const user = (id: number, role: string, disabled = false) => ({ id, role, disabled });

describe('who gives which role', () => {
  it('lets the owner give every role, the head of sales every role but owner, nobody else any', () => {
    expect(assignableRoles('owner')).toEqual(['owner', 'head_of_sales', 'manager', 'analyst', 'read_only']);
    expect(assignableRoles('head_of_sales')).toEqual(['head_of_sales', 'manager', 'analyst', 'read_only']);
    for (const role of ['manager', 'analyst', 'read_only', 'intruder']) expect(assignableRoles(role)).toEqual([]);
  });

  it('refuses a new owner from the head of sales and any new user from the other roles', () => {
    expect(createRefusal('owner', 'owner')).toBeNull();
    expect(createRefusal('head_of_sales', 'manager')).toBeNull();
    expect(createRefusal('head_of_sales', 'owner')).toMatchObject({ code: 'user.ownerRoleByOwner', field: 'role' });
    expect(createRefusal('manager', 'read_only')).toMatchObject({ status: 'forbidden', code: 'access.usersOnly' });
  });

  it("offers token roles that grant nothing beyond one's own (a manager sees only their clients, so no analyst or read-only)", () => {
    expect(tokenRoles('owner')).toEqual(['owner', 'head_of_sales', 'manager', 'analyst', 'read_only']);
    expect(tokenRoles('head_of_sales')).toEqual(['head_of_sales', 'manager', 'analyst', 'read_only']);
    expect(tokenRoles('manager')).toEqual(['manager']);
    expect(tokenRoles('analyst')).toEqual(['analyst']);
    expect(tokenRoles('read_only')).toEqual(['analyst', 'read_only']); // an analyst sees the same without personal data
  });
});

describe('changing an account', () => {
  it("lets anybody change their own name and language, and nobody else's without manageUsers", () => {
    expect(changeRefusal(manager, user(3, 'manager'), { name: 'Новое имя', locale: 'en' }, 1)).toBeNull();
    expect(changeRefusal(manager, user(4, 'manager'), { name: 'Чужое имя' }, 1)).toMatchObject({
      code: 'access.usersOnly',
    });
    expect(changeRefusal(manager, user(3, 'manager'), { role: 'head_of_sales' }, 1)).toMatchObject({
      code: 'access.usersOnly',
    });
    expect(changeRefusal(manager, user(4, 'manager'), { signOut: true }, 1)).toMatchObject({
      code: 'access.usersOnly',
    });
    expect(changeRefusal(manager, user(3, 'manager'), { signOut: true }, 1)).toBeNull();
  });

  it("keeps the head of sales off owners' accounts and from making owners, themselves included", () => {
    for (const change of [{ role: 'manager' }, { disabled: true }, { password: 'x' }, { signOut: true }, { name: 'x' }])
      expect(changeRefusal(head, user(1, 'owner'), change, 2)).toMatchObject({ code: 'user.ownerAccount' });
    expect(changeRefusal(head, user(1, 'owner'), { disabled: false }, 2)).toMatchObject({
      code: 'user.ownerAccount',
      field: 'disabled',
    });
    expect(changeRefusal(head, user(5, 'manager'), { role: 'owner' }, 1)).toMatchObject({
      code: 'user.ownerRoleByOwner',
      field: 'role',
    });
    expect(changeRefusal(head, user(2, 'head_of_sales'), { role: 'owner' }, 1)).toMatchObject({
      code: 'user.ownerRoleByOwner',
    });
    expect(changeRefusal(head, user(5, 'manager'), { role: 'head_of_sales', disabled: true }, 1)).toBeNull();
    expect(changeRefusal(owner, user(5, 'manager'), { role: 'owner' }, 1)).toBeNull();
  });

  it('refuses to disable oneself, whatever the role', () => {
    expect(changeRefusal(owner, user(1, 'owner'), { disabled: true }, 3)).toMatchObject({
      code: 'user.disableSelf',
      field: 'disabled',
    });
    expect(changeRefusal(head, user(2, 'head_of_sales'), { disabled: true }, 1)).toMatchObject({
      code: 'user.disableSelf',
    });
    // Demoting oneself is allowed while another owner remains.
    expect(changeRefusal(owner, user(1, 'owner'), { role: 'head_of_sales' }, 2)).toBeNull();
  });

  it('never leaves the organisation without an active owner', () => {
    expect(changeRefusal(owner, user(1, 'owner'), { role: 'manager' }, 1)).toMatchObject({
      status: 'conflict',
      code: 'user.lastOwner',
      field: 'role',
    });
    const otherOwner = { role: 'owner', userId: 9 };
    expect(changeRefusal(otherOwner, user(1, 'owner'), { disabled: true }, 1)).toMatchObject({
      code: 'user.lastOwner',
      field: 'disabled',
    });
    expect(changeRefusal(otherOwner, user(1, 'owner'), { disabled: true }, 2)).toBeNull();
    // A disabled owner is not counted, and enabling one or keeping the role is always fine.
    expect(changeRefusal(otherOwner, user(1, 'owner', true), { role: 'manager' }, 1)).toBeNull();
    expect(changeRefusal(otherOwner, user(1, 'owner'), { role: 'owner', name: 'x' }, 1)).toBeNull();
    // The CLI acts as an owner without a user: the same rule holds for it.
    expect(changeRefusal({ role: 'owner', userId: null }, user(1, 'owner'), { role: 'analyst' }, 1)).toMatchObject({
      code: 'user.lastOwner',
    });
  });
});
