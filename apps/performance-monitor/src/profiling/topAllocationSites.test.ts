import { describe, expect, it } from 'vitest'
import { topAllocationSites } from './topAllocationSites.js'
import type { SamplingHeapProfileNode } from './types.js'

const node = (
  functionName: string,
  url: string,
  lineNumber: number,
  selfSize: number,
  children: SamplingHeapProfileNode[] = [],
): SamplingHeapProfileNode => ({
  callFrame: { functionName, url, lineNumber, columnNumber: 0 },
  selfSize,
  children,
})

describe('topAllocationSites', () => {
  it('sums bytes per site across the call tree, largest first, with 1-based lines', () => {
    const head = node('(root)', '', -1, 0, [
      node('parse', 'file:///app/parse.js', 9, 600, [node('makeBuffer', 'file:///app/buf.js', 2, 300)]),
      node('handle', 'file:///app/http.js', 41, 0, [node('parse', 'file:///app/parse.js', 9, 100)]),
      node('', '', -1, 50),
    ])
    const { total, top } = topAllocationSites({ head }, 2)
    expect(total).toBe(1050)
    expect(top).toEqual([
      { function: 'parse', url: 'file:///app/parse.js', line: 10, bytes: 700, percent: 66.67 },
      { function: 'makeBuffer', url: 'file:///app/buf.js', line: 3, bytes: 300, percent: 28.57 },
    ])
  })

  it('handles a tree deeper than the call stack', () => {
    let deepest = node('leaf', 'file:///x.js', 0, 8)
    for (let i = 0; i < 50_000; i++) deepest = node('f', 'file:///x.js', 1, 0, [deepest])
    expect(topAllocationSites({ head: deepest }, 5).top).toEqual([
      { function: 'leaf', url: 'file:///x.js', line: 1, bytes: 8, percent: 100 },
    ])
  })
})
