/** The rungs served by bench/ladder/ladder-server.ts, each the one before plus one layer. */
export const LADDER_SHELL_RUNGS = ['fastify', 'nest', 'guard', 'pipe', 'bus', 'durable'] as const;
export type ShellRung = (typeof LADDER_SHELL_RUNGS)[number];

export const RUNG_LABELS: Record<ShellRung | 'api' | 'standalone' | 'floor', string> = {
  fastify: 'bare Fastify route',
  nest: 'Nest + Fastify',
  guard: '+ the auth guard',
  pipe: '+ validation pipe (mark DTO), error filter',
  bus: '+ interceptors, caller, CQRS bus, no-op command',
  durable: 'minimal durable mark (one WAL append)',
  api: 'real API path with projections, no board runner (records-api)',
  standalone: 'real standalone (projections, board runner)',
  floor: 'floor: refused with 409 before any write',
};
