import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { buildApp } from '../../src/server/app.js';
import { TEST_PASSWORD } from './factories.js';

/** The server on the test database, driven with inject() (no port). */
export async function useApp(db: Database): Promise<FastifyInstance> {
  const app = await buildApp({ db, logLevel: 'silent', webRoot: '/nonexistent', rateLimitScope: `${randomUUID()}:` });
  afterAll(() => app.close());
  return app;
}

/** Signs in and returns an inject() that carries the session cookie and the CSRF header. */
export async function signedIn(app: FastifyInstance, email: string, password = TEST_PASSWORD) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'rapport_session')!;
  return (options: InjectOptions) =>
    app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: `rapport_session=${cookie.value}`, 'x-rapport-csrf': '1' },
    });
}
