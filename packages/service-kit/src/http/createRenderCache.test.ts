import { describe, expect, it } from 'vitest'
import { createRenderCache } from './createRenderCache.js'

const svg = (body: string) => async () => ({ body, contentType: 'image/svg+xml' })

describe('createRenderCache', () => {
  it('renders a key once per generation, however often it is asked for', async () => {
    const cache = createRenderCache({ maxEntries: 10 })
    const first = await cache.get('cpu.svg', 1, svg('<svg>1</svg>'))
    const again = await cache.get('cpu.svg', 1, svg('<svg>other</svg>'))
    expect(again).toBe(first)
    expect(cache.renders()).toBe(1)
    const next = await cache.get('cpu.svg', 2, svg('<svg>2</svg>'))
    expect(next.body).toBe('<svg>2</svg>')
    expect(cache.renders()).toBe(2)
  })

  it('shares a render in progress', async () => {
    const cache = createRenderCache({ maxEntries: 10 })
    let release: (value: { body: string; contentType: string }) => void = () => {}
    const slow = () => new Promise<{ body: string; contentType: string }>((resolve) => (release = resolve))
    const a = cache.get('k', 1, slow)
    const b = cache.get('k', 1, slow)
    release({ body: 'x', contentType: 'text/plain' })
    expect(await a).toBe(await b)
    expect(cache.renders()).toBe(1)
  })

  it('gives equal bodies equal ETags and different bodies different ones', async () => {
    const cache = createRenderCache({ maxEntries: 10 })
    const a = await cache.get('a', 1, svg('same'))
    const b = await cache.get('b', 1, svg('same'))
    const c = await cache.get('c', 1, svg('different'))
    expect(a.etag).toBe(b.etag)
    expect(a.etag).not.toBe(c.etag)
    expect(a.etag).toMatch(/^"[\w-]+"$/)
  })

  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const cache = createRenderCache({ maxEntries: 2 })
    await cache.get('a', 1, svg('a'))
    await cache.get('b', 1, svg('b'))
    await cache.get('a', 1, svg('a'))
    await cache.get('c', 1, svg('c'))
    expect(cache.size()).toBe(2)
    await cache.get('a', 1, svg('a'))
    expect(cache.renders()).toBe(3)
    await cache.get('b', 1, svg('b'))
    expect(cache.renders()).toBe(4)
  })

  it('does not keep a failed render', async () => {
    const cache = createRenderCache({ maxEntries: 2 })
    await expect(cache.get('k', 1, () => Promise.reject(new Error('vega failed')))).rejects.toThrow(
      'vega failed',
    )
    expect((await cache.get('k', 1, svg('ok'))).body).toBe('ok')
  })
})
