import type { FastifyInstance } from 'fastify';

export function peopleRoutes(app: FastifyInstance): void {
  void app;
}
