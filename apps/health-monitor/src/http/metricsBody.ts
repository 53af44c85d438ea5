import { type CachedResponse, createRenderCache } from '@squeezeflow/service-kit/http'
import type { AppDeps } from './types.js'

/**
 * `/metrics`: the registry in Prometheus text, collected once per check cycle (every figure changes only
 * then), so scrapers and people asking within a cycle cost no collection.
 */
export function createMetricsBody({
  registry,
  loop,
}: Pick<AppDeps, 'registry' | 'loop'>): () => Promise<CachedResponse> {
  const responses = createRenderCache({ maxEntries: 1 })
  return () =>
    responses.get('metrics', loop.lastReport()?.cycle ?? 0, async () => ({
      body: await registry.metrics(),
      contentType: registry.contentType,
    }))
}
