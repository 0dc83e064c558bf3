import { describe, expect, it } from 'vitest';
import { withFilterChanges } from './address.js';

describe('filters in the address', () => {
  it('sets and removes parameters, and goes back to the first page unless the page itself changes', () => {
    const current = new URLSearchParams('status=new&page=3&q=Ромашка');
    expect(withFilterChanges(current, { status: 'resolved', q: '' }).toString()).toBe('status=resolved');
    expect(withFilterChanges(current, { page: '4' }).toString()).toBe(
      'status=new&page=4&q=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0',
    );
    expect(withFilterChanges(current, { page: null }).get('page')).toBeNull();
    expect(current.get('page')).toBe('3'); // the current address is left as it was
  });
});
