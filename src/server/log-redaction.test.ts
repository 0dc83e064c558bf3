import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './app.js';

describe('request URLs in the log', () => {
  it('keep the secret of a public link out, and every other address as it is', () => {
    expect(withoutSecrets('/api/v1/public/surveys/12.AbC-dEf_123')).toBe('/api/v1/public/surveys/…');
    expect(withoutSecrets('/api/v1/public/calendar/12.AbCdEf.ics')).toBe('/api/v1/public/calendar/…');
    expect(withoutSecrets('/api/v1/public/surveys/12.secret?x=1')).toBe('/api/v1/public/surveys/…');
    expect(withoutSecrets('/api/v1/clients/42?q=Ромашка')).toBe('/api/v1/clients/42?q=Ромашка');
    expect(withoutSecrets('/survey/12.secret')).toBe('/survey/…');
    expect(withoutSecrets('/surveys')).toBe('/surveys');
  });
});
