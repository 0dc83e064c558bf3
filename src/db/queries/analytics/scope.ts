/**
 * Which clients an upkeep statement touches: every client of the organisation (rebuild, refresh) or
 * the few a write changed. The same statement text serves both, so incremental upkeep and a full
 * rebuild cannot drift apart.
 */
/** A rebuild goes through the clients in id ranges (`clientRange`, inclusive) so no statement is unbounded. */
export type Scope = {
  orgId: number;
  clientIds?: readonly number[] | undefined;
  clientRange?: readonly [number, number] | undefined;
};

/** Positional parameters for one statement. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown, cast = ''): string {
    this.values.push(value);
    return `$${this.values.length}${cast}`;
  }
}

/** `AND <column> = ANY($n)` / `BETWEEN` when the scope names clients, else nothing. */
export function clientFilter(scope: Scope, p: Params, column: string): string {
  const ids = scope.clientIds ? `AND ${column} = ANY(${p.add(scope.clientIds.map(String), '::bigint[]')})` : '';
  const range = scope.clientRange
    ? `AND ${column} BETWEEN ${p.add(scope.clientRange[0], '::bigint')} AND ${p.add(scope.clientRange[1], '::bigint')}`
    : '';
  return `${ids} ${range}`;
}
