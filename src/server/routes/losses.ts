import type { FastifyInstance } from 'fastify';

export function lossRoutes(app: FastifyInstance): void {
  void app;
}
