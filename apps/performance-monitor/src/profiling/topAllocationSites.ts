import type { AllocationSite } from '@squeezeflow/core'
import type { SamplingHeapProfile, SamplingHeapProfileNode } from './types.js'

/**
 * Sums the live bytes of a sampling heap profile per allocation site (function, url, line) over the whole call
 * tree, largest first. Iterative, since call trees can be deeper than the stack allows recursion.
 */
export function topAllocationSites(
  profile: SamplingHeapProfile,
  limit: number,
): { total: number; top: AllocationSite[] } {
  const bytesBySite = new Map<string, Omit<AllocationSite, 'percent'>>()
  let total = 0
  const stack: SamplingHeapProfileNode[] = [profile.head]
  for (let node = stack.pop(); node; node = stack.pop()) {
    stack.push(...node.children)
    if (node.selfSize <= 0) continue
    total += node.selfSize
    const { functionName, url, lineNumber } = node.callFrame
    const site = {
      function: functionName || '(anonymous)',
      url: url || '(native)',
      line: lineNumber >= 0 ? lineNumber + 1 : 0,
    }
    const key = `${site.function}\u0000${site.url}\u0000${site.line}`
    const known = bytesBySite.get(key)
    if (known) known.bytes += node.selfSize
    else bytesBySite.set(key, { ...site, bytes: node.selfSize })
  }
  const top = [...bytesBySite.values()]
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit)
    .map((site) => ({ ...site, percent: total > 0 ? Math.round((site.bytes / total) * 10_000) / 100 : 0 }))
  return { total, top }
}
