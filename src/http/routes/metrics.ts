import type { FastifyInstance } from 'fastify';
import type { MetricsSource } from '../../metrics/source.js';
import type { Exposition } from '../../metrics/prometheus.js';

export const METRICS_PATH = '/metrics';

export interface MetricsOptions {
  source: MetricsSource;
  /** Scrapes need no token (http.metricsPublic): for a Prometheus on a trusted network only. */
  public: boolean;
}

/**
 * GET /metrics in the Prometheus text format. prom-client is loaded at the first scrape, so a box
 * nobody scrapes never carries it.
 */
export function metricsRoutes(app: FastifyInstance, options: MetricsOptions): void {
  let exposition: Promise<Exposition> | null = null;
  app.get(METRICS_PATH, async (_request, reply) => {
    exposition ??= import('../../metrics/prometheus.js').then(({ prometheusExposition }) => prometheusExposition(options.source));
    const { contentType, scrape } = await exposition;
    return reply.type(contentType).send(await scrape());
  });
}
