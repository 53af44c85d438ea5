/** Orders Redis stream ids (`<ms>-<seq>`) numerically; negative when `a` comes first. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs = '0', aSeq = '0'] = a.split('-')
  const [bMs = '0', bSeq = '0'] = b.split('-')
  const byMs = BigInt(aMs) - BigInt(bMs)
  if (byMs !== 0n) return byMs < 0n ? -1 : 1
  const bySeq = BigInt(aSeq) - BigInt(bSeq)
  return bySeq === 0n ? 0 : bySeq < 0n ? -1 : 1
}
