import type { FastifyInstance } from 'fastify';

export function claimRoutes(app: FastifyInstance): void {
  void app;
}
