import type { FastifyInstance } from 'fastify';

export type ShutdownOptions = {
  /** Closes the database once no request is left (after the HTTP server has closed). */
  closeDatabase: () => Promise<void>;
  /** Requests still running this long after the signal are cut off (exit 1). */
  graceMs?: number;
  /** What to print when stopping starts, and when it is forced. */
  say: { stopping: string; forced: string };
  log?: (line: string) => void;
  exit?: (code: number) => never;
  signals?: NodeJS.Signals[];
};

/**
 * A graceful stop for `rapport serve`. On the first SIGTERM or SIGINT the server stops listening
 * (new connections are refused), answers 503 on connections kept alive (Fastify's
 * return503OnClosing), lets the requests in flight finish, runs the onClose hooks (the analytics
 * refresher waits for a refresh under way), then closes the database and exits 0: a container
 * stop or a deploy loses no answer that was being written. A second signal, or requests still
 * running after `graceMs`, end the process at once with exit code 1; on PGlite that is as safe as
 * a crash (every acknowledged write is already in the files), on PostgreSQL the server rolls back
 * what was not committed.
 * Returns the function that removes the handlers (tests).
 */
export function stopOnSignals(app: FastifyInstance, o: ShutdownOptions): () => void {
  const log = o.log ?? ((line: string) => console.log(line));
  const exit = o.exit ?? ((code: number) => process.exit(code));
  const signals = o.signals ?? ['SIGTERM', 'SIGINT'];
  let stopping = false;
  const onSignal = () => {
    if (stopping) {
      log(o.say.forced);
      exit(1);
      return;
    }
    stopping = true;
    log(o.say.stopping);
    const timer = setTimeout(() => {
      log(o.say.forced);
      exit(1);
    }, o.graceMs ?? 30_000);
    timer.unref();
    // server.close() drops the connections idle at that moment only; a kept-alive connection whose
    // request finishes later would hold the stop until its keep-alive timeout, so it is dropped as
    // soon as it falls idle.
    const reaper = setInterval(() => app.server.closeIdleConnections(), 100);
    reaper.unref();
    app
      .close()
      .finally(() => clearInterval(reaper))
      .then(() => o.closeDatabase())
      .then(
        () => {
          clearTimeout(timer);
          exit(0);
        },
        (e: unknown) => {
          clearTimeout(timer);
          log(`${o.say.forced} (${(e as Error).message})`);
          exit(1);
        },
      );
  };
  for (const s of signals) process.on(s, onSignal);
  return () => {
    for (const s of signals) process.off(s, onSignal);
  };
}
