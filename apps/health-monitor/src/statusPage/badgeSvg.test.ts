import { describe, expect, it } from 'vitest'
import { badgeSvg, notFoundBadge, statusBadge, uptimeBadge } from './badgeSvg.js'

/**
 * A small well-formedness check: every tag closes in order, attributes are quoted, text holds no raw `<`
 * or unescaped `&`. The browser test parses the served badges with DOMParser as well.
 */
function assertWellFormedXml(xml: string): string[] {
  const open: string[] = []
  const tags: string[] = []
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy
  let consumed = 0
  for (let match = token.exec(xml); match !== null; match = token.exec(xml)) {
    consumed = token.lastIndex
    const [, closing, name, , selfClosing, text] = match
    if (text !== undefined) {
      expect(text).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/)
      continue
    }
    tags.push(name as string)
    if (closing) expect(open.pop()).toBe(name)
    else if (!selfClosing) open.push(name as string)
  }
  expect(consumed).toBe(xml.length)
  expect(open).toEqual([])
  return tags
}

describe('badges', () => {
  it('renders a status badge as one well-formed SVG document with the words in its title', () => {
    const svg = statusBadge('aggr_server', 'degraded')
    const tags = assertWellFormedXml(svg)
    expect(tags[0]).toBe('svg')
    expect(svg).toContain('<title>aggr_server: degraded</title>')
    expect(svg).toContain('aria-label="aggr_server: degraded"')
  })

  it('escapes whatever text it is given', () => {
    const svg = badgeSvg({ label: 'a<b>&"c', message: "it's", color: '#123' })
    assertWellFormedXml(svg)
    expect(svg).toContain('a&lt;b&gt;&amp;&quot;c')
  })

  it('shows uptime as a percentage, and no data as such', () => {
    const good = uptimeBadge('redis', '7d', 0.99951)
    assertWellFormedXml(good)
    expect(good).toContain('>99.95%</text>')
    expect(uptimeBadge('redis', '24h', null)).toContain('>no data</text>')
  })

  it('has a not-found badge for unknown services and windows', () => {
    const svg = notFoundBadge('nope')
    assertWellFormedXml(svg)
    expect(svg).toContain('<title>nope: not found</title>')
  })

  it('grows with its text', () => {
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)?.[1])
    expect(width(statusBadge('a_much_longer_service_name', 'healthy'))).toBeGreaterThan(
      width(statusBadge('redis', 'healthy')),
    )
  })
})
