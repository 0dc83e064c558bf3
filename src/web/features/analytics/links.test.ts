import { describe, expect, it } from 'vitest';
import { clientsHref, cohortHref, quarterRange, rfScoreHref } from './links.js';

describe('client list links', () => {
  it('leaves out empty filters', () => {
    expect(clientsHref({ xyz: 'X', abcProfit: '', sort: '-profit' })).toBe('/clients?xyz=X&sort=-profit');
    expect(clientsHref({})).toBe('/clients');
  });

  it('opens an R × F cell', () => {
    expect(rfScoreHref(3, 4)).toBe('/clients?rScore=3&fScore=4');
  });

  it('spans a quarter to the last day of its third month', () => {
    expect(quarterRange('2024-01-01')).toEqual({ from: '2024-01-01', to: '2024-03-31' });
    expect(quarterRange('2024-04-01')).toEqual({ from: '2024-04-01', to: '2024-06-30' });
    expect(quarterRange('2023-08-15')).toEqual({ from: '2023-07-01', to: '2023-09-30' });
    expect(quarterRange('2024-10-01')).toEqual({ from: '2024-10-01', to: '2024-12-31' });
    expect(cohortHref('2024-01-01')).toBe('/clients?firstPurchaseFrom=2024-01-01&firstPurchaseTo=2024-03-31');
  });
});
