import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Starts a worker thread from a module beside the caller: `name.js` when built, else `name.ts` through
 * tsx's loader (tests and `tsx` runs execute the TypeScript sources directly).
 */
export function spawnWorker(base: string, name: string, workerData: unknown, resourceLimits?: ResourceLimits): Worker {
  const js = new URL(`./${name}.js`, base);
  if (existsSync(js)) return new Worker(js, { workerData, ...(resourceLimits ? { resourceLimits } : {}) });
  const tsx = pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
  const ts = new URL(`./${name}.ts`, base).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { (m.register ?? m.default.register)(); return import(${JSON.stringify(ts)}); })`;
  return new Worker(boot, { eval: true, workerData, ...(resourceLimits ? { resourceLimits } : {}) });
}
