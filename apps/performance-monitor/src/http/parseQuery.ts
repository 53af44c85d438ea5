import { METRIC_NAME_PATTERN } from '@squeezeflow/core'
import { badRequest } from '@squeezeflow/service-kit/http'

type Query = Record<string, unknown>

const MAX_WINDOW_SECONDS = 7 * 86_400

/** The one string value of a query parameter, or undefined; a repeated parameter is a 400. */
function single(query: Query, name: string): string | undefined {
  const value = query[name]
  if (value === undefined || value === '') return undefined
  if (typeof value !== 'string') throw badRequest(`query parameter ${name} must be given once`)
  return value
}

function integer(query: Query, name: string, min: number, max: number): number | undefined {
  const raw = single(query, name)
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw badRequest(
      `query parameter ${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    )
  }
  return Number(raw)
}

/** `?window=<seconds>`; undefined means all kept points. */
export const parseWindow = (query: Query) => integer(query, 'window', 1, MAX_WINDOW_SECONDS)

/** `?metric=<name>`. */
export function parseMetric(query: Query): string | undefined {
  const raw = single(query, 'metric')
  if (raw !== undefined && !METRIC_NAME_PATTERN.test(raw)) {
    throw badRequest(`query parameter metric must match ${METRIC_NAME_PATTERN}, got ${JSON.stringify(raw)}`)
  }
  return raw
}

/** `?width=&height=` of a chart, in pixels. */
export function parseSize(query: Query): { width: number; height: number } {
  return {
    width: integer(query, 'width', 200, 4000) ?? 800,
    height: integer(query, 'height', 150, 3000) ?? 400,
  }
}

/** `?limit=`. */
export const parseLimit = (query: Query, max: number) => integer(query, 'limit', 1, max)
