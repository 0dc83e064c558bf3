/**
 * Keys that tell whether two rows of a file mean the same client, product or document.
 * A client is its ИНН (+КПП: a branch is a КПП of its own), else its 1C code, else its name with
 * legal form and quotes removed, so «ООО "Ромашка"», «Ромашка ООО» and «ООО «Ромашка»» agree
 * (docs/russian-formats.md §2, last rule).
 */
const LEGAL_FORMS = /(^|\s)(ооо|оао|зао|пао|ао|нао|ип|чп|нко|ано|муп|гуп|фгуп|тоо| llc|ltd|inc|jsc|gmbh)(?=\s|$)/g;

export function clientNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/["'«»„“”`]/g, ' ')
    .replace(/[.,]/g, ' ')
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export function clientKey(ref: {
  inn?: string | null;
  kpp?: string | null;
  ext?: string | null;
  name?: string | null;
}): string | null {
  if (ref.inn) return `i:${ref.inn}/${ref.kpp ?? ''}`;
  if (ref.ext) return `x:${ref.ext}`;
  if (ref.name) return `n:${clientNameKey(ref.name)}`;
  return null;
}

/** A product is its 1C id, else its article, else its name (case-insensitive). */
export function itemKey(ref: { ext?: string | null; code?: string | null; name?: string | null }): string {
  if (ref.ext) return `x:${ref.ext}`;
  if (ref.code) return `c:${ref.code}`;
  return `n:${(ref.name ?? '').toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim()}`;
}

/** A document is its 1C id, else its number on its day (1C restarts numbering each year). */
export function documentKey(ref: { ext?: string | null; number?: string | null; day?: string | null }): string {
  return ref.ext ? `x:${ref.ext}` : `n:${ref.number ?? ''}|${ref.day ?? ''}`;
}

/**
 * The cells of the row fingerprinted last (copied: a caller may reuse its array), and the hash
 * state after each of them.
 */
const lastCells: string[] = [];
let lastCount = 0;
let lastH1 = new Int32Array(64);
let lastH2 = new Int32Array(64);

/**
 * A 53-bit fingerprint of a row's cells, to find a row repeated in a file without keeping the
 * rows: two FNV-1a variants, so a million rows collide with odds near 1 in 10^4.
 *
 * The lines of one document begin with the same cells (title, date, client): most of a line's
 * text. The hash state after the cells a row shares with the row before is taken from that row
 * rather than hashed again; the state after a cell depends only on the cells up to it, so the
 * answer is the same.
 */
export function rowFingerprint(cells: readonly string[]): number {
  const n = cells.length;
  let h1 = 0x811c9dc5,
    h2 = 0x01000193 ^ n;
  let k = 0;
  if (n === lastCount) {
    while (k < n && cells[k] === lastCells[k]) k++;
    if (k > 0) {
      h1 = lastH1[k - 1]!;
      h2 = lastH2[k - 1]!;
    }
  } else if (n > lastH1.length) {
    lastH1 = new Int32Array(n);
    lastH2 = new Int32Array(n);
  }
  lastCount = -1; // a cell that is no string throws below: the states kept would no longer match the cells
  for (; k < n; k++) {
    const cell = cells[k]!;
    for (let i = 0; i < cell.length; i++) {
      const c = cell.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
    lastCells[k] = cell;
    lastH1[k] = h1;
    lastH2[k] = h2;
  }
  lastCount = n;
  return (h1 >>> 0) * 0x200000 + ((h2 >>> 0) & 0x1fffff);
}
