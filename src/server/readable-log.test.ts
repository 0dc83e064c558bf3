import { Writable } from 'node:stream';
import Fastify, { LogController } from 'fastify';
import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './app.js';
import { tellRequests } from './readable-log.js';

describe('the readable request log of a terminal', () => {
  it('tells writes and failures, one line each without secrets, and leaves successful reads out', async () => {
    const lines: { level: number; msg: string }[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l));
        done();
      },
    });
    const app = Fastify({
      logger: { level: 'info', stream },
      logController: new LogController({ disableRequestLogging: true }),
    });
    tellRequests(app, withoutSecrets);
    app.get('/api/v1/clients', async () => []);
    app.post('/api/v1/clients', async (_req, reply) => reply.status(201).send({ id: 1 }));
    app.get('/api/v1/public/surveys/secret-token', async (_req, reply) => reply.status(404).send({}));
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    await app.inject({ method: 'GET', url: '/api/v1/clients?q=x' });
    await app.inject({ method: 'POST', url: '/api/v1/clients', payload: {} });
    await app.inject({ method: 'GET', url: '/api/v1/public/surveys/secret-token' });
    await app.inject({ method: 'GET', url: '/boom' });
    await app.close();
    const told = lines.filter((l) => / → \d{3}, \d+ ms$/.test(l.msg));
    expect(told.map((l) => [l.level, l.msg.replace(/, \d+ ms$/, '')])).toEqual([
      [30, 'POST /api/v1/clients → 201'],
      [40, 'GET /api/v1/public/surveys/… → 404'],
      [50, 'GET /boom → 500'],
    ]);
  });
});
