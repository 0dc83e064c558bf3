import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { engineName, useDatabase } from '../../../test/support/database.js';
import { buildOrg } from '../../../test/support/factories.js';
import { importJobs } from '../../db/schema/index.js';
import { closeInterruptedImports, jobError, storedMessage, type ImportJob } from './jobs.js';
import type { ImportJobPhase, ImportJobStatus } from '../../core/import/jobs.js';

const db = await useDatabase();

describe('imports left running by a server that stopped', () => {
  // Only `rapport serve` on PGlite closes them at start (one process owns the data); on the shared
  // PostgreSQL test database it would touch other test files' running imports.
  it.runIf(engineName === 'pglite')(
    'one whose rows had committed is done, with the analytics to rebuild; the others failed with nothing written',
    async () => {
      const owner = await buildOrg(db);
      const job = (phase: ImportJobPhase | null, status: ImportJobStatus = 'running') =>
        db.orm
          .insert(importJobs)
          .values({
            orgId: owner.orgId,
            userId: owner.userId,
            kind: 'sales',
            fileName: 'sales.csv',
            format: 'csv',
            status,
            phase,
          })
          .returning();
      const [[written], [reading], [queued], [finished]] = [
        await job('written'),
        await job('reading'),
        await job(null, 'queued'),
        await job(null, 'done'),
      ];
      await closeInterruptedImports(db);
      const state = async (id: number) =>
        (
          await db.orm
            .select()
            .from(importJobs)
            .where(and(eq(importJobs.orgId, owner.orgId), eq(importJobs.id, id)))
        )[0]!;
      // Stored as a message code, answered in both languages.
      const done = await state(written!.id);
      expect(done).toMatchObject({ status: 'done', phase: null, error: { code: 'import.interruptedAnalytics' } });
      expect(jobError(done)).toMatchObject({
        en: expect.stringMatching(/The data is in.*rapport analyze/),
        ru: expect.stringMatching(/Данные загружены/),
      });
      const failed = await state(reading!.id);
      expect(failed).toMatchObject({ status: 'failed', phase: null, error: { code: 'import.interrupted' } });
      expect(jobError(failed)).toMatchObject({ en: expect.stringMatching(/nothing of it was written/) });
      expect(await state(queued!.id)).toMatchObject({ status: 'failed' });
      expect(await state(finished!.id)).toMatchObject({ status: 'done', error: null });
    },
  );

  it('reads what a job stored before message codes as it was: an error and a refused cell in two texts', () => {
    const old = { error: { ru: 'Файл пуст.', en: 'The file is empty.' } } as ImportJob;
    expect(jobError(old)).toEqual({ ru: 'Файл пуст.', en: 'The file is empty.' });
    expect(storedMessage({ ru: 'не число', en: 'not a number' })).toEqual({
      message: { ru: 'не число', en: 'not a number' },
    });
    expect(storedMessage({ code: 'import.value.number', params: {} })).toEqual({
      message: { ru: 'не число', en: 'not a number' },
      code: 'import.value.number',
      params: {},
    });
  });
});
