import type { FastifyInstance } from 'fastify';
import pretty from 'pino-pretty';

/**
 * The log of `npm start` in a terminal: one readable line per event (time, level, message) instead
 * of pino's JSON, through pino-pretty. Per request only writes and failures are told; the many
 * reads a page makes are not (see `tellRequests`).
 */
export const readableLogStream = () =>
  pretty({
    sync: true,
    colorize: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: 'pid,hostname,reqId,req,res,responseTime',
    singleLine: true,
  });

/**
 * "POST /api/v1/clients → 201, 12 ms": a line for each write and each failed request (a 4xx as a
 * warning, a 5xx as an error), written once the answer is sent. `path` has its secrets removed.
 */
export function tellRequests(app: FastifyInstance, path: (url: string) => string): void {
  app.addHook('onResponse', async (req, reply) => {
    const status = reply.statusCode;
    const write = req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
    if (!write && status < 400) return;
    const line = `${req.method} ${path(req.url.split('?')[0] ?? '/')} → ${status}, ${Math.round(reply.elapsedTime)} ms`;
    if (status >= 500) req.log.error(line);
    else if (status >= 400) req.log.warn(line);
    else req.log.info(line);
  });
}
