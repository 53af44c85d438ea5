import { readFileSync } from 'node:fs'

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel build). */
const TICKS_PER_SECOND = 100

/** CPU time (user + system) the process has used so far, in seconds, from its own /proc accounting. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 of the whole line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]
  return Number(kb ?? 0) * 1024
}

export const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)
export const ratio = (value: number, baseline: number) =>
  baseline > 0 ? (value / baseline).toFixed(2) : 'n/a'
