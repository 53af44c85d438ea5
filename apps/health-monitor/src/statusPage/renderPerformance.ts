import type { Dashboard } from '@squeezeflow/core'
import type { StatusView } from './buildStatusView.js'
import type { HostSample } from './dashboardTracker.js'
import { clockTime, formatDuration, formatNumber } from './format.js'
import { html, type SafeHtml } from './html.js'

const TOP = 8
const TIME_SUFFIX = '_time_ms'

/** A 0–100 % series as an inline SVG polyline; the latest value is in its label and beside it as text. */
function sparkline(
  label: string,
  samples: readonly HostSample[],
  pick: (s: HostSample) => number | null,
): SafeHtml {
  const values = samples.map(pick)
  const latest = values.at(-1) ?? null
  const points = values
    .map((v, i) =>
      v === null
        ? null
        : `${values.length === 1 ? 0 : (i / (values.length - 1)) * 120},${(30 - (v / 100) * 30).toFixed(1)}`,
    )
    .filter((p) => p !== null)
    .join(' ')
  const summary = `${label} ${formatNumber(latest, '%')} now, last ${values.length} dashboards`
  return html`<figure class="spark"><figcaption>${label} <strong>${formatNumber(latest, '%')}</strong></figcaption>
<svg viewBox="0 0 120 30" preserveAspectRatio="none" role="img" aria-label="${summary}"><polyline points="${points}"/></svg></figure>`
}

function slowest(dashboard: Dashboard): SafeHtml {
  const ops = Object.entries(dashboard.metrics)
    .filter(([name]) => name.endsWith(TIME_SUFFIX))
    .sort(([, a], [, b]) => (b.p95 ?? -1) - (a.p95 ?? -1))
    .slice(0, TOP)
  if (ops.length === 0) return html`<p class="muted">No timed operations recorded.</p>`
  return html`<table><caption>Slowest operations</caption><thead><tr><th scope="col">Operation</th><th scope="col">p95</th><th scope="col">p99</th><th scope="col">Latest</th><th scope="col">Points</th></tr></thead><tbody>${ops.map(
    ([name, m]) =>
      html`<tr><th scope="row">${name.slice(0, -TIME_SUFFIX.length)}</th><td>${formatNumber(m.p95, ' ms')}</td><td>${formatNumber(m.p99, ' ms')}</td><td>${formatNumber(m.latest, ' ms')}</td><td>${m.count}</td></tr>`,
  )}</tbody></table>`
}

function errorRates(dashboard: Dashboard): SafeHtml {
  const ops = Object.entries(dashboard.operations)
    .sort(([, a], [, b]) => b.error_rate_percent - a.error_rate_percent)
    .slice(0, TOP)
  if (ops.length === 0) return html`<p class="muted">No operations recorded.</p>`
  return html`<table><caption>Error rates</caption><thead><tr><th scope="col">Operation</th><th scope="col">Errors</th><th scope="col">Runs</th><th scope="col">Rate</th><th scope="col">Recent</th></tr></thead><tbody>${ops.map(
    ([name, o]) =>
      html`<tr class="${o.error_rate_percent > 0 ? 'has-errors' : ''}"><th scope="row">${name}</th><td>${o.errors}</td><td>${o.count}</td><td>${formatNumber(o.error_rate_percent, '%', 2)}</td><td>${formatNumber(o.recent_error_rate_percent, '%', 2)}</td></tr>`,
  )}</tbody></table>`
}

function firing(dashboard: Dashboard): SafeHtml {
  if (dashboard.active_alerts.length === 0) return html`<p class="ok">No performance alerts firing.</p>`
  return html`<table><caption>Firing performance alerts</caption><thead><tr><th scope="col">Severity</th><th scope="col">Service</th><th scope="col">Message</th><th scope="col">Age</th></tr></thead><tbody>${dashboard.active_alerts.map(
    (a) =>
      html`<tr class="sev-${a.severity}"><td><span class="pill sev-${a.severity}">${a.severity}</span></td><td>${a.service}</td><td>${a.message}</td><td>${formatDuration(a.active_for_seconds)}</td></tr>`,
  )}</tbody></table>`
}

export function renderPerformance({ dashboard: view }: StatusView): SafeHtml {
  const { current } = view
  if (current.state === 'missing')
    return html`<p class="warn" data-dashboard="missing">The performance dashboard is missing from Redis: performance-monitor is not writing it.</p>`
  if (current.state === 'unreadable' || current.state === 'invalid')
    return html`<p class="warn" data-dashboard="${current.state}">The performance dashboard is ${current.state}: ${current.problem}</p>`
  const { dashboard, ageSeconds } = current
  const freshness =
    current.state === 'stale'
      ? html`<p class="warn" data-dashboard="stale">Stale: last written ${formatDuration(ageSeconds)} ago (more than ${formatDuration(view.staleAfterSeconds)}); figures below are old.</p>`
      : html`<p class="muted" data-dashboard="fresh">Written by ${dashboard.service.name} on ${dashboard.service.hostname} at ${clockTime(Date.parse(dashboard.last_updated))} (${formatDuration(ageSeconds)} ago).</p>`
  return html`${freshness}
<div class="sparks">${sparkline('CPU', view.samples, (s) => s.cpu)}${sparkline('Memory', view.samples, (s) => s.memory)}${sparkline('Disk', view.samples, (s) => s.disk)}</div>
<div class="perf-tables">${slowest(dashboard)}${errorRates(dashboard)}${firing(dashboard)}</div>`
}
