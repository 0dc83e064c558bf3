import { describe, expect, it } from 'vitest';
import { isDatabaseUnreachable, outageReason, unreachableDetail } from './database-outage.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
/** The shape of the engines' DatabaseError (a SQLSTATE in `code`); the server layer may not import the class. */
const sqlError = (message: string, code: string) => Object.assign(new Error(message), { name: 'DatabaseError', code });
/** How Drizzle wraps a failure: the SQL and its parameters in the message, the database's error as the cause. */
const drizzle = (cause: unknown) =>
  Object.assign(new Error('Failed query: select "name" from "clients" where "id" = $1\nparams: 42'), { cause });

describe('isDatabaseUnreachable', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['connection reset', withCode('read ECONNRESET', 'ECONNRESET')],
    [
      'IPv4 and IPv6 both refused',
      Object.assign(new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['administrator shutdown', sqlError('terminating connection due to administrator command', '57P01')],
    ['the database system is starting up', sqlError('the database system is starting up', '57P03')],
    ['connection exception class 08', sqlError('connection failure', '08006')],
    ['too many connections', sqlError('sorry, too many clients already', '53300')],
    ['pg: terminated', new Error('Connection terminated unexpectedly')],
    ['pg: connection timeout', new Error('Connection terminated due to connection timeout')],
    ['pg-pool: waiting for a client', new Error('timeout exceeded when trying to connect')],
    ['pg: broken client', new Error('Client has encountered a connection error and is not queryable')],
    ['embedded database closed', sqlError('The database is closed', '57P01')],
    ['wrapped by Drizzle', drizzle(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'))],
    ['wrapped by Drizzle, pg message', drizzle(new Error('Connection terminated unexpectedly'))],
  ])('%s → unreachable', (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ['unique violation', sqlError('duplicate key value violates unique constraint', '23505')],
    ['syntax error', sqlError('syntax error at or near "selec"', '42601')],
    ['statement cancelled', sqlError('canceling statement due to statement timeout', '57014')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['SQL text that merely mentions it', drizzle(sqlError('relation "connection_terminated" does not exist', '42P01'))],
    ['nothing', undefined],
  ])('%s → not an outage', (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });

  it('names the reason for the log without the SQL or its parameters', () => {
    expect(outageReason(drizzle(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')))).toBe('ECONNREFUSED');
    expect(outageReason(drizzle(new Error('Connection terminated unexpectedly')))).toBe('Connection terminated');
    expect(outageReason(sqlError('terminating connection due to administrator command', '57P01'))).toBe('57P01');
  });
});

describe('unreachableDetail', () => {
  it('speaks Russian when the caller prefers it, English otherwise', () => {
    expect(unreachableDetail('ru-RU,ru;q=0.9,en;q=0.8')).toMatch(/^База данных недоступна/);
    expect(unreachableDetail('ru')).toMatch(/^База данных недоступна/);
    expect(unreachableDetail('en-GB,en;q=0.9,ru;q=0.8')).toBe('The database is not reachable; try again in a moment.');
    expect(unreachableDetail('de;q=0.5,ru;q=0.7')).toMatch(/^База данных/);
    expect(unreachableDetail(undefined)).toMatch(/^The database/);
    expect(unreachableDetail('rubbish;q=x')).toMatch(/^The database/);
  });
});
