import { securityHeaders } from '@/lib/http/security-headers';

describe('securityHeaders', () => {
  const byName = (production: boolean) => Object.fromEntries(securityHeaders({ production }).map((h) => [h.key, h.value]));

  it('sends nosniff, a referrer policy, no framing and no powerful features', () => {
    const headers = byName(true);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Referrer-Policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['X-Frame-Options']).toBe('DENY');
    expect(headers['Permissions-Policy']).toMatch(/camera=\(\), microphone=\(\), geolocation=\(\)/);
  });

  it('pins https only in production', () => {
    expect(byName(true)['Strict-Transport-Security']).toMatch(/^max-age=\d{8}; includeSubDomains$/);
    expect(byName(false)['Strict-Transport-Security']).toBeUndefined();
  });
});
