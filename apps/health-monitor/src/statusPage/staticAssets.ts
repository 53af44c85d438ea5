import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import type { PageAssets } from './renderPage.js'

export interface StaticAsset {
  url: string
  type: string
  body: Buffer
  gzipped: Buffer
}

const FILES = {
  css: { file: 'statusPage.css', type: 'text/css; charset=utf-8' },
  js: { file: 'statusPage.js', type: 'text/javascript; charset=utf-8' },
  icon: { file: 'favicon.svg', type: 'image/svg+xml' },
} as const

/** The app's `static/` directory, from `src/statusPage` and `dist/statusPage` alike. */
export const STATIC_DIR = new URL('../../static/', import.meta.url)

/**
 * The page's script, styles and icon, read once, under content-hashed names (`statusPage.<hash>.js`), so
 * they can be cached for a year: a changed file gets a new name. Gzipped once too, not per request.
 */
export function loadStaticAssets(dir: URL = STATIC_DIR): {
  byUrl: Map<string, StaticAsset>
  urls: PageAssets
} {
  const byUrl = new Map<string, StaticAsset>()
  const urls = {} as PageAssets
  for (const [key, { file, type }] of Object.entries(FILES) as Array<
    [keyof PageAssets, (typeof FILES)[keyof PageAssets]]
  >) {
    const body = readFileSync(new URL(file, dir))
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12)
    const dot = file.lastIndexOf('.')
    const url = `/static/${file.slice(0, dot)}.${hash}${file.slice(dot)}`
    byUrl.set(url, { url, type, body, gzipped: gzipSync(body, { level: 9 }) })
    urls[key] = url
  }
  return { byUrl, urls }
}
