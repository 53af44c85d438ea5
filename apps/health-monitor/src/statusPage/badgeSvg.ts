import type { HealthStatus } from '@squeezeflow/core'
import { formatRatio } from './format.js'
import { escapeHtml } from './html.js'

export interface Badge {
  label: string
  message: string
  /** Fill of the message half, a CSS colour. */
  color: string
}

const STATUS_COLORS: Record<HealthStatus, string> = {
  healthy: '#2e7d32',
  degraded: '#a15c00',
  unknown: '#6b6b6b',
  unhealthy: '#c62828',
  critical: '#8e0000',
}

/** Widths of Verdana 11 px glyphs, roughly: enough to size a badge without a font file. */
function textWidth(text: string): number {
  let width = 0
  for (const c of text) {
    if ("iIl.,:;|!'` ".includes(c)) width += 3.7
    else if ('mwMW%@'.includes(c)) width += 10.5
    else if (c >= 'A' && c <= 'Z') width += 7.8
    else width += 6.6
  }
  return Math.ceil(width)
}

/** A flat, shields.io-style badge: grey label, coloured message; its title carries both for screen readers. */
export function badgeSvg({ label, message, color }: Badge): string {
  const labelWidth = textWidth(label) + 12
  const messageWidth = textWidth(message) + 12
  const width = labelWidth + messageWidth
  const text = escapeHtml(`${label}: ${message}`)
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${text}">`,
    `<title>${text}</title>`,
    '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/>',
    '<stop offset="1" stop-opacity=".1"/></linearGradient>',
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${labelWidth}" height="20" fill="#555"/>`,
    `<rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${escapeHtml(color)}"/>`,
    `<rect width="${width}" height="20" fill="url(#s)"/></g>`,
    '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">',
    `<text x="${labelWidth / 2}" y="14">${escapeHtml(label)}</text>`,
    `<text x="${labelWidth + messageWidth / 2}" y="14">${escapeHtml(message)}</text>`,
    '</g></svg>',
  ].join('')
}

export function statusBadge(service: string, status: HealthStatus): string {
  return badgeSvg({ label: service, message: status, color: STATUS_COLORS[status] })
}

export function uptimeBadge(service: string, window: string, ratio: number | null): string {
  const color =
    ratio === null
      ? '#6b6b6b'
      : ratio >= 0.999
        ? '#2e7d32'
        : ratio >= 0.99
          ? '#558b2f'
          : ratio >= 0.95
            ? '#a15c00'
            : '#c62828'
  return badgeSvg({ label: `${service} uptime ${window}`, message: formatRatio(ratio), color })
}

export function notFoundBadge(what: string): string {
  return badgeSvg({ label: what, message: 'not found', color: '#6b6b6b' })
}
