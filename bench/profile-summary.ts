// Ranks where a V8 CPU profile (node --cpu-prof) spent its time: self time per function and per
// package or source folder, and time including callees for our own functions.
// usage: node --import tsx bench/profile-summary.ts <file.cpuprofile> [top=25]
import { readFileSync } from 'node:fs';

type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/profile-summary.ts <file.cpuprofile> [top]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

// Time per sample: the delta before the next sample is the time attributed to this one.
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  selfMs.set(id, (selfMs.get(id) ?? 0) + dt);
});
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const where = (url: string): string => {
  if (!url) return '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/(src\/[^/]+(?:\/[^/]+)?)\//.exec(url);
  if (src) return src[1]!;
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  return url.replace(/^.*\//, '');
};
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${where(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
const wall = (profile.endTime - profile.startTime) / 1000;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const perFunction = new Map<string, number>();
const perPlace = new Map<string, number>();
const inclusiveOwn = new Map<string, number>();
for (const [id, ms] of selfMs) {
  const n = byId.get(id)!;
  add(perFunction, label(n), ms);
  add(perPlace, where(n.callFrame.url), ms);
  // Time including callees, for our own source functions: each on the stack once per sample.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const c = byId.get(cur)!;
    if (!c.callFrame.url.includes('/src/')) continue;
    const l = label(c);
    if (seen.has(l)) continue;
    seen.add(l);
    add(inclusiveOwn, l, ms);
  }
}
const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${v.toFixed(0).padStart(8)} ms ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`);
};
console.log(`${file}: ${(wall / 1000).toFixed(1)} s wall, ${(total / 1000).toFixed(1)} s sampled`);
print('self time by package or source folder', perPlace);
print('self time by function', perFunction);
print('time including callees, our functions', inclusiveOwn);
