import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';

/** The server as a route module sees it: the TypeBox schemas of a route type its request and its reply. */
export type RouteApp = Parameters<FastifyPluginAsyncTypebox>[0];

/**
 * A path parameter of a request that does not carry its route's types (a rate limit's key is read off
 * the plain request, before validation in an onRequest hook): its text, or '' when the path has none.
 */
export function pathParam(req: FastifyRequest, name: string): string {
  const params: unknown = req.params;
  const value: unknown =
    typeof params === 'object' && params !== null ? Object.getOwnPropertyDescriptor(params, name)?.value : undefined;
  return typeof value === 'string' ? value : '';
}
