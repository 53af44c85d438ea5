import { statfs } from 'node:fs/promises'
import type { UsageFigures } from './types.js'

/**
 * statfs rather than node-os-utils for the disk: it answers for any path (node-os-utils only for mount
 * points, by running `df`), without a child process. Like df, the percentage is of the space a non-root
 * user can have. It stays asynchronous, unlike the /proc reads: a stalled network filesystem must not
 * block the event loop.
 */
export async function diskFigures(path: string): Promise<UsageFigures> {
  const fs = await statfs(path)
  const totalBytes = fs.blocks * fs.bsize
  const usedBytes = (fs.blocks - fs.bfree) * fs.bsize
  const usable = usedBytes + fs.bavail * fs.bsize
  return { usedBytes, totalBytes, percent: usable > 0 ? (usedBytes / usable) * 100 : 0 }
}
