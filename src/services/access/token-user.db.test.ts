import { describe, expect, it } from 'vitest';
import { useDatabase } from '../../../test/support/database.js';
import { buildOrg, buildUser } from '../../../test/support/factories.js';
import { actorForToken } from './sessions.js';
import { createApiToken, updateUser } from './users.js';

const db = await useDatabase();

describe('an API token acts for its user as the user is now', () => {
  it('loses what a demotion takes from its user, and is revoked for good when the user is disabled', async () => {
    const owner = await buildOrg(db);
    const head = await buildUser(db, owner.orgId, 'head_of_sales');
    const { token } = await createApiToken(db, head, { name: '1C exchange' });
    expect(await actorForToken(db, token)).toMatchObject({
      orgId: owner.orgId,
      userId: head.userId,
      role: 'head_of_sales',
    });

    await updateUser(db, owner, head.userId, { role: 'manager' });
    expect(await actorForToken(db, token)).toMatchObject({ userId: head.userId, role: 'manager' });

    await updateUser(db, owner, head.userId, { disabled: true });
    expect(await actorForToken(db, token)).toBeNull();
    // Enabling the user again does not bring the token back: disabling revoked it.
    await updateUser(db, owner, head.userId, { disabled: false, role: 'head_of_sales' });
    expect(await actorForToken(db, token)).toBeNull();
  });

  it('keeps a token narrower than its user as it was issued', async () => {
    const owner = await buildOrg(db);
    const { token } = await createApiToken(db, owner, { name: 'reports', role: 'analyst' });
    expect(await actorForToken(db, token)).toMatchObject({ role: 'analyst' });
  });

  it('records its last use, but writes it at most once a minute (requests do not queue on the row)', async () => {
    const owner = await buildOrg(db);
    const { token } = await createApiToken(db, owner, { name: 'load' });
    const lastUsed = async () =>
      (
        await db.engine.query<{ at: string | null }>(
          'SELECT last_used_at::text AS at FROM api_tokens WHERE org_id = $1',
          [owner.orgId],
        )
      ).rows[0]!.at;
    expect(await lastUsed()).toBeNull();
    await actorForToken(db, token);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    await actorForToken(db, token);
    expect(await lastUsed()).toBe(first);
    // Once it is older than TOKEN_TOUCH_SECONDS, the next use writes it again.
    await db.engine.query("UPDATE api_tokens SET last_used_at = now() - interval '2 minutes' WHERE org_id = $1", [
      owner.orgId,
    ]);
    const aged = await lastUsed();
    await actorForToken(db, token);
    expect(await lastUsed()).not.toBe(aged);
  });
});
