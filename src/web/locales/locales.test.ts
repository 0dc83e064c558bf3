import { describe, expect, it } from 'vitest';
import { enumGroups } from '../lib/enums.js';
import en from './en.json' with { type: 'json' };
import ru from './ru.json' with { type: 'json' };

type Tree = { [key: string]: string | Tree };

/** Every leaf as [dotted key, value]. */
function leaves(tree: Tree, prefix = ''): [string, unknown][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? leaves(value, `${prefix}${key}.`)
      : [[`${prefix}${key}`, value] as [string, unknown]],
  );
}

const catalogues = { ru: ru as Tree, en: en as Tree };

describe('locales', () => {
  it('ru and en have exactly the same keys', () => {
    const ruKeys = leaves(catalogues.ru)
      .map(([k]) => k)
      .sort();
    const enKeys = leaves(catalogues.en)
      .map(([k]) => k)
      .sort();
    expect(enKeys).toEqual(ruKeys);
  });

  for (const [name, tree] of Object.entries(catalogues)) {
    it(`${name} has no empty or non-string values`, () => {
      const bad = leaves(tree)
        .filter(([, v]) => typeof v !== 'string' || v.trim() === '')
        .map(([k]) => k);
      expect(bad).toEqual([]);
    });

    it(`${name} uses the same interpolation variables as ru`, () => {
      const vars = (s: unknown) => [...String(s).matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort();
      const ruValues = new Map(leaves(catalogues.ru));
      const mismatched = leaves(tree)
        .filter(([k, v]) => JSON.stringify(vars(v)) !== JSON.stringify(vars(ruValues.get(k))))
        .map(([k]) => k);
      expect(mismatched).toEqual([]);
    });

    it(`${name} labels every value of every vocabulary`, () => {
      const enums = tree.enums as Tree;
      for (const [group, values] of Object.entries(enumGroups)) {
        const labels = enums[group] as Tree | undefined;
        expect(labels, group).toBeDefined();
        expect(Object.keys(labels ?? {}).sort(), group).toEqual([...values].sort());
      }
    });
  }
});
