// `npm start` and `npm test` on a fresh clone: install what is missing, build what is stale, run.
// Plain Node on purpose: it must work before node_modules exists.
import { spawnSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...rest] = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** node_modules is current when it was installed from this exact package-lock.json. */
function ensureDependencies() {
  const lock = readFileSync(path.join(root, 'package-lock.json'));
  const want = createHash('sha256').update(lock).digest('hex');
  const stamp = path.join(root, 'node_modules', '.rapport-lock-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  console.log('Installing dependencies (npm ci)…');
  run(npm, ['ci', '--no-audit', '--no-fund']);
  writeFileSync(stamp, want);
}

function ensureBuild() {
  const stamp = path.join(root, 'dist', '.build-stamp');
  const fingerprint = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--fingerprint'], {
    cwd: root,
    encoding: 'utf8',
  }).stdout.trim();
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint) return;
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs')]);
}

ensureDependencies();
if (command === 'start') {
  ensureBuild();
  const child = spawn(process.execPath, [path.join(root, 'bin', 'rapport.mjs'), 'serve', ...rest], {
    cwd: process.cwd(),
    stdio: 'inherit',
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
} else if (command === 'test') {
  run(path.join(root, 'node_modules', '.bin', 'vitest'), ['run', ...rest], { TZ: 'UTC' });
} else {
  console.error(`unknown command ${command}`);
  process.exit(2);
}
