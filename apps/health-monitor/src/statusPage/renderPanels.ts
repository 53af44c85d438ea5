import type { StatusView } from './buildStatusView.js'
import { clockTime, formatDuration } from './format.js'
import { html, type SafeHtml } from './html.js'

const SEVERITY_WORDS = { info: 'Info', warning: 'Warning', critical: 'Critical' } as const

export function renderAlerts(view: StatusView): SafeHtml {
  if (view.alerts.length === 0) return html`<p class="ok">No active alerts.</p>`
  const rows = view.alerts.map(
    (
      a,
    ) => html`<tr class="sev-${a.severity}"><td><span class="pill sev-${a.severity}">${SEVERITY_WORDS[a.severity]}</span></td>
<td>${a.service}</td><td>${a.message}</td><td>${formatDuration(a.active_for_seconds)}</td></tr>`,
  )
  return html`<table><thead><tr><th scope="col">Severity</th><th scope="col">Service</th><th scope="col">Message</th><th scope="col">Age</th></tr></thead>
<tbody>${rows}</tbody></table>`
}

type Loose = Record<string, unknown>
const obj = (v: unknown): Loose => (typeof v === 'object' && v !== null ? (v as Loose) : {})
const text = (v: unknown): string => (typeof v === 'string' ? v : '')
const count = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)

/** Outcomes that call for a person: the restart did not help, or failed. */
const ESCALATED = new Set(['not_verified', 'error'])

function restartLog(restarts: unknown): SafeHtml {
  const list = Array.isArray(restarts) ? restarts.map(obj) : []
  if (list.length === 0) return html`<span class="muted">none in the window</span>`
  return html`<ul class="log">${list.map((r) => {
    const at = Date.parse(text(r.at))
    const outcome = text(r.outcome)
    return html`<li class="${ESCALATED.has(outcome) ? 'escalated' : ''}"><time datetime="${text(r.at)}">${
      Number.isNaN(at) ? text(r.at) : clockTime(at)
    }</time> restart, ${outcome === 'verified' ? 'verified' : ESCALATED.has(outcome) ? `escalated (${outcome})` : outcome}: ${text(r.reason)}</li>`
  })}</ul>`
}

function decision(value: unknown): SafeHtml {
  const d = obj(value)
  const action = text(d.action)
  if (action === '' || action === 'none') return html`<span class="muted">nothing to do</span>`
  const escalated = action === 'suspend' || action === 'refuse'
  return html`<span class="${escalated ? 'escalated' : ''}">${action}${escalated ? ' (escalated)' : ''}: ${text(d.reason)}</span>`
}

export function renderRecovery(view: StatusView): SafeHtml {
  if (view.recovery === null) return html`<p class="muted">Auto-recovery is not running in this monitor.</p>`
  const r = view.recovery
  const state =
    r.enabled === false ? 'disabled' : r.available === false ? `unavailable (${text(r.reason)})` : 'enabled'
  const rows = Object.entries(obj(r.services)).map(([service, value]) => {
    const s = obj(value)
    const budget = count(s.budget)
    const left = count(s.budget_left)
    const used = budget !== undefined && left !== undefined ? budget - left : undefined
    return html`<tr><th scope="row">${service}</th>
<td>${used ?? '—'} used, ${left ?? '—'} left of ${budget ?? '—'} per ${formatDuration(count(s.window_seconds) ?? 0)}${
      text(s.next_allowed_at) ? html`<br><small>next allowed ${text(s.next_allowed_at)}</small>` : ''
    }</td>
<td>${restartLog(s.restarts_in_window)}</td><td>${decision(s.last_decision)}${text(s.reason) ? html`<br><small>${text(s.reason)}</small>` : ''}</td></tr>`
  })
  return html`<p>Auto-restart ${state}; this instance ${r.leader === true ? 'holds' : 'does not hold'} the recovery lease.</p>
${
  rows.length === 0
    ? html`<p class="muted">No service is managed.</p>`
    : html`<table><thead><tr><th scope="col">Service</th><th scope="col">Budget</th><th scope="col">Restarts and verifications</th><th scope="col">Last decision</th></tr></thead><tbody>${rows}</tbody></table>`
}`
}
