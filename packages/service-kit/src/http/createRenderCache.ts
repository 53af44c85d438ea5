import { createHash } from 'node:crypto'
import type { Request, Response } from 'express'

/** A rendered response body and what describes it. */
export interface Rendered {
  body: string | Buffer
  contentType: string
}

export interface CachedResponse extends Rendered {
  /** A strong validator of the body: the same bytes always get the same ETag. */
  etag: string
}

export interface RenderCacheOptions {
  /** Entries kept; the least recently used goes first. */
  maxEntries: number
}

/**
 * Renders each distinct response (key) once per generation, e.g. once per collection cycle, whoever asks
 * and however often: many viewers of one chart cost one render. Requests that arrive while a render is
 * running share it. Bounded: at most `maxEntries` responses are kept.
 */
export function createRenderCache({ maxEntries }: RenderCacheOptions) {
  if (!(Number.isInteger(maxEntries) && maxEntries > 0)) throw new RangeError('maxEntries must be > 0')
  const entries = new Map<string, { generation: number; response: Promise<CachedResponse> }>()
  let renders = 0

  return {
    get(key: string, generation: number, render: () => Promise<Rendered>): Promise<CachedResponse> {
      const cached = entries.get(key)
      if (cached !== undefined && cached.generation === generation) {
        // Map order is insertion order: re-inserting marks it most recently used.
        entries.delete(key)
        entries.set(key, cached)
        return cached.response
      }
      renders += 1
      const response = render().then((rendered) => ({
        ...rendered,
        etag: `"${createHash('sha1').update(rendered.body).digest('base64url')}"`,
      }))
      // A failed render is not kept: the next request tries again.
      response.catch(() => {
        if (entries.get(key)?.response === response) entries.delete(key)
      })
      entries.delete(key)
      entries.set(key, { generation, response })
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string)
      return response
    },
    /** Renders since creation, for tests and benchmarks. */
    renders: () => renders,
    size: () => entries.size,
  }
}

export type RenderCache = ReturnType<typeof createRenderCache>

/**
 * Sends a cached response with its ETag, or 304 when the client already has it. `no-cache` lets clients keep
 * the body but makes them ask again, so a new generation is seen at once.
 */
export function sendCached(req: Request, res: Response, response: CachedResponse): void {
  res.set({ ETag: response.etag, 'Cache-Control': 'no-cache' })
  if (req.headers['if-none-match'] === response.etag) {
    res.status(304).end()
    return
  }
  res.type(response.contentType).send(response.body)
}
