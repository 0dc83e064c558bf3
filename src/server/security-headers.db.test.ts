import { afterAll, describe, expect, it } from 'vitest';
import { useApp } from '../../test/support/app.js';
import { useDatabase } from '../../test/support/database.js';
import { buildApp } from './app.js';

const res = (headers: Record<string, unknown>) => headers['x-frame-options'];

const db = await useDatabase();
const app = await useApp(db);

describe('security headers', () => {
  it('sends a content security policy of this origin only, no framing, no sniffing, and no HSTS over plain HTTP', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['permissions-policy']).toContain('camera=()');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    // Errors carry them too.
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/clients' })).headers['content-security-policy'],
    ).toBeDefined();
  });

  it('gives the API docs UI a policy of its own (no inline script), and adds HSTS when served over HTTPS', async () => {
    const docs = (await app.inject({ method: 'GET', url: '/api/docs/' })).headers;
    expect(docs['content-security-policy']).toMatch(/script-src 'self'/);
    expect(docs['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(docs['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res(docs)).toBe('DENY');
    const secure = await buildApp({ db, logLevel: 'silent', webRoot: '/nonexistent', secureCookies: true });
    afterAll(() => secure.close());
    expect((await secure.inject({ method: 'GET', url: '/api/health' })).headers['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
  });
});
