import { describe, expect, it } from 'vitest';
import { readConfig } from './config.js';

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
});
