// Builds the server (tsc → dist/) with its migrations, and the web app (vite → dist/web).
// `--fingerprint` prints a hash of the inputs; the bootstrap rebuilds only when it changes.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fingerprint() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const s = statSync(file);
      if (s.isDirectory()) walk(file);
      else hash.update(`${path.relative(root, file)}:${s.size}:${s.mtimeMs}\n`);
    }
  };
  walk(path.join(root, 'src'));
  for (const f of ['package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'vite.config.ts']) {
    const s = statSync(path.join(root, f), { throwIfNoEntry: false });
    if (s) hash.update(`${f}:${s.size}:${s.mtimeMs}\n`);
  }
  return hash.digest('hex');
}

if (process.argv.includes('--fingerprint')) {
  console.log(fingerprint());
  process.exit(0);
}

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const step = (label, cmd, args) => {
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`${label} failed`);
    process.exit(r.status ?? 1);
  }
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
};
const print = fingerprint();
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
step('server build (tsc)', bin('tsc'), ['-p', 'tsconfig.build.json']);
cpSync(path.join(root, 'src', 'db', 'migrations'), path.join(root, 'dist', 'db', 'migrations'), { recursive: true });
step('web build (vite)', bin('vite'), ['build', '--config', 'vite.config.ts', '--logLevel', 'warn']);
writeFileSync(path.join(root, 'dist', '.build-stamp'), print);
