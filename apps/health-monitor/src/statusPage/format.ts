import type { HealthStatus } from '@squeezeflow/core'

/** The words shown beside every status colour: colour alone never carries the meaning. */
export const STATUS_WORDS: Record<HealthStatus, string> = {
  healthy: 'Healthy',
  degraded: 'Degraded',
  unknown: 'Unknown',
  unhealthy: 'Unhealthy',
  critical: 'Critical',
}

/** A short symbol per status, for bars too narrow for words (the words are in their tooltips). */
export const STATUS_SYMBOLS: Record<HealthStatus, string> = {
  healthy: '✓',
  degraded: '!',
  unknown: '?',
  unhealthy: '✗',
  critical: '✗',
}

/** `42 s`, `5 min`, `3 h 4 min`, `2 d 5 h`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min`
  if (s < 86_400) {
    const minutes = Math.floor((s % 3600) / 60)
    return `${Math.floor(s / 3600)} h${minutes ? ` ${minutes} min` : ''}`
  }
  const hours = Math.floor((s % 86_400) / 3600)
  return `${Math.floor(s / 86_400)} d${hours ? ` ${hours} h` : ''}`
}

/** An uptime ratio as a percentage that never rounds a single failure up to 100 %. */
export function formatRatio(ratio: number | null): string {
  if (ratio === null) return 'no data'
  if (ratio === 1) return '100%'
  return `${(Math.floor(ratio * 10_000) / 100).toFixed(2)}%`
}

export function formatNumber(value: unknown, unit = '', digits = 1): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) return '—'
  const factor = 10 ** digits
  return `${Math.round(value * factor) / factor}${unit}`
}

export const isoTime = (ms: number) => new Date(ms).toISOString()

/** `14:03:07 UTC`: short enough for tooltips, unambiguous across time zones. */
export function clockTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 19)} UTC`
}

/** CSS class of an uptime ratio, in bands an operator cares about. */
export function uptimeBand(ratio: number | null): string {
  if (ratio === null) return 'u-none'
  if (ratio >= 0.999) return 'u-full'
  if (ratio >= 0.99) return 'u-high'
  if (ratio >= 0.95) return 'u-mid'
  return 'u-low'
}
