import { describe, expect, it } from 'vitest';
import { localeLanguage, readConfig } from './config.js';

describe('configuration from the environment', () => {
  it('reads defaults, and readable logs only for a person at a terminal', () => {
    const c = readConfig({}, false);
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      logLevel: 'info',
      logFormat: 'json',
    });
    expect(readConfig({}, true).logFormat).toBe('readable');
    // Whoever sets LOG_LEVEL is tuning logs for a collector or debugging: JSON unless asked otherwise.
    expect(readConfig({ LOG_LEVEL: 'debug' }, true).logFormat).toBe('json');
    expect(readConfig({ LOG_FORMAT: 'readable' }, false).logFormat).toBe('readable');
    expect(readConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
  });

  it('refuses values it cannot use, naming each', () => {
    expect(() => readConfig({ PORT: 'eighty', LOG_FORMAT: 'xml', DATABASE_URL: 'mysql://x' }, false)).toThrow(
      /PORT must be a port number[\s\S]*DATABASE_URL must start with postgres[\s\S]*LOG_FORMAT must be json or readable/,
    );
  });

  it('pins the analytics day and the import readers only with values it can use', () => {
    expect(readConfig({}, false).clock.today()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(readConfig({ RAPPORT_TODAY: '2026-06-15' }, false).clock.today()).toBe('2026-06-15');
    expect(readConfig({ RAPPORT_IMPORT_READERS: '2', RAPPORT_IMPORT_DIRECT: '0' }, false)).toMatchObject({
      importReaders: 2,
      importDirect: false,
    });
    expect(readConfig({}, false)).toMatchObject({ importReaders: undefined, importDirect: true });
    // A day that does not exist, or a reader count of nothing, is refused by name rather than ignored.
    expect(() => readConfig({ RAPPORT_TODAY: '2026-02-30', RAPPORT_IMPORT_READERS: 'all' }, false)).toThrow(
      /RAPPORT_TODAY must be a day written YYYY-MM-DD, got "2026-02-30"[\s\S]*RAPPORT_IMPORT_READERS must be a whole number/,
    );
  });

  it('speaks the language of the terminal locale', () => {
    expect(localeLanguage({ LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(localeLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'ru_RU.UTF-8' })).toBe('en');
    expect(localeLanguage({})).toBe('en');
  });
});
