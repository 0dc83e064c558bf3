/**
 * The web app's routes as App.tsx declares them, read from its source so that a page added there is
 * walked by the browser tests without anyone listing it again (russian-everywhere.e2e.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './paths.js';

export type AppRoute = {
  /** The full pattern: "/clients/:id", "/analytics/matrix", "/*" for a catch-all. */
  pattern: string;
  /** Behind <RequireAuth>: the page needs a signed-in user. */
  signedIn: boolean;
};

/** The end of a JSX tag that starts at `start` ("<Route"): skips braces, so `element={<A>…</A>}` stays inside. */
function tagEnd(source: string, start: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = start; i < source.length; i++) {
    const ch = source[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === '>' && depth === 0) return i;
  }
  throw new Error(`App.tsx: a <Route> tag at ${start} does not end`);
}

const join = (parent: string, child: string) =>
  child.startsWith('/') ? child : (parent.endsWith('/') ? parent : `${parent}/`) + child;

/** Every route of src/web/app/App.tsx that renders a page (layout routes without a path are not pages of their own). */
export function appRoutes(file = path.join(repoRoot, 'src', 'web', 'app', 'App.tsx')): AppRoute[] {
  const source = readFileSync(file, 'utf8');
  const routes: AppRoute[] = [];
  const stack: { path: string; auth: boolean }[] = [{ path: '/', auth: false }];
  const token = /<Route\b|<\/Route>/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(source))) {
    const parent = stack[stack.length - 1]!;
    if (m[0] === '</Route>') {
      stack.pop();
      continue;
    }
    const end = tagEnd(source, m.index);
    const tag = source.slice(m.index, end + 1);
    token.lastIndex = end + 1;
    const selfClosing = tag.endsWith('/>');
    const own = tag.match(/\bpath="([^"]*)"/)?.[1];
    const index = /\bindex\b/.test(tag.replace(/element=\{[\s\S]*\}/, ''));
    const auth = parent.auth || /<RequireAuth\b/.test(tag);
    const full = own !== undefined ? join(parent.path, own) : parent.path;
    if ((own !== undefined || index) && !routes.some((r) => r.pattern === full)) {
      routes.push({ pattern: full, signedIn: auth });
    }
    if (!selfClosing) stack.push({ path: full, auth });
  }
  if (stack.length !== 1) throw new Error('App.tsx: unbalanced <Route> tags');
  return routes;
}
