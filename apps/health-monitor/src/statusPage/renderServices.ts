import type { ServiceView, StatusView } from './buildStatusView.js'
import {
  clockTime,
  formatDuration,
  formatRatio,
  isoTime,
  STATUS_SYMBOLS,
  STATUS_WORDS,
  uptimeBand,
} from './format.js'
import { html, type SafeHtml } from './html.js'

const WINDOW_LABELS: Record<string, string> = { '24h': '24 h', '7d': '7 d', '30d': '30 d', '90d': '90 d' }

/** A status in words with its symbol; the colour comes from the class and is never the only cue. */
export function statusLabel(status: ServiceView['status']): SafeHtml {
  return html`<span class="pill s-${status}"><span aria-hidden="true">${STATUS_SYMBOLS[status]}</span> ${STATUS_WORDS[status]}</span>`
}

export function renderSummary(view: StatusView): SafeHtml {
  const { cycle } = view
  const counts = new Map<string, number>()
  for (const s of view.services) counts.set(s.status, (counts.get(s.status) ?? 0) + 1)
  const breakdown = [...counts].map(([status, n]) => `${n} ${status}`).join(', ')
  return html`<h2 class="verdict s-${view.overall}">System ${statusLabel(view.overall)}</h2>
<p>${
    cycle
      ? html`Last check cycle #${cycle.number} completed at <time datetime="${isoTime(cycle.completedAt)}">${clockTime(cycle.completedAt)}</time>
(${formatDuration((view.now - cycle.completedAt) / 1000)} ago, took ${cycle.durationMs} ms).`
      : 'No check cycle has completed yet.'
  } ${view.services.length} services: ${breakdown}.</p>`
}

function heartbeats(service: ServiceView): SafeHtml {
  if (service.heartbeats.length === 0) return html`<p class="muted">No checks yet.</p>`
  const beats = service.heartbeats.map(
    (b) =>
      html`<li class="beat s-${b.status}" tabindex="0"><span class="tip"><time datetime="${isoTime(b.at)}">${clockTime(b.at)}</time> · ${STATUS_WORDS[b.status]} · ${b.message}</span></li>`,
  )
  return html`<ol class="beats" aria-label="Last ${service.heartbeats.length} checks of ${service.name}, oldest first">${beats}</ol>`
}

function uptimeTable(service: ServiceView): SafeHtml {
  const cells = service.uptime.map(
    (u) =>
      html`<td class="${uptimeBand(u.ratio)}" data-window="${u.window}">${formatRatio(u.ratio)}${
        u.unknown_seconds >= 1 ? html`<small>${formatDuration(u.unknown_seconds)} unknown</small>` : ''
      }</td>`,
  )
  return html`<table class="uptime"><caption>Uptime (unknown time excluded)</caption>
<tr>${service.uptime.map((u) => html`<th scope="col">${WINDOW_LABELS[u.window]}</th>`)}</tr><tr>${cells}</tr></table>`
}

function dailyBar(service: ServiceView): SafeHtml {
  const days = service.daily.map((d) => {
    const day = isoTime(d.start).slice(0, 10)
    const text =
      d.ratio === null
        ? `${day}: no data`
        : `${day}: ${formatRatio(d.ratio)} up, ${formatDuration(d.checkedMs / 1000)} checked`
    return html`<li class="day ${uptimeBand(d.ratio)}"><span class="tip">${text}</span></li>`
  })
  return html`<ol class="days" aria-label="Daily uptime of ${service.name}, last ${service.daily.length} days">${days}</ol>`
}

export function renderTile(service: ServiceView): SafeHtml {
  const { container } = service
  return html`<article class="tile s-${service.status}" id="svc-${service.name}" data-service="${service.name}" data-status="${service.status}">
<header><h3>${service.name}</h3> ${statusLabel(service.status)}${service.critical ? html` <span class="tag">critical</span>` : ''}</header>
<p class="msg">${service.message}</p>
${
  service.figures.length > 0
    ? html`<dl class="figures">${service.figures.map((f) => html`<div><dt>${f.label}</dt><dd>${f.value}</dd></div>`)}</dl>`
    : ''
}
${
  container
    ? html`<p class="container">Container: ${container.state}${
        container.restarts === null
          ? ''
          : html`, ${container.restarts} restart${container.restarts === 1 ? '' : 's'}`
      }</p>`
    : ''
}
${service.checkedAt === null ? '' : html`<p class="muted checked">Checked at <time datetime="${isoTime(service.checkedAt)}">${clockTime(service.checkedAt)}</time></p>`}
${heartbeats(service)}
${uptimeTable(service)}
${dailyBar(service)}
</article>`
}

export function renderServices(view: StatusView): SafeHtml {
  return html`${view.services.map(renderTile)}`
}
