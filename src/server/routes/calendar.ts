import type { FastifyInstance } from 'fastify';

export function calendarRoutes(app: FastifyInstance): void {
  void app;
}
