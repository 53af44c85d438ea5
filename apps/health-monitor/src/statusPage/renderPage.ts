import type { StatusView } from './buildStatusView.js'
import { STATUS_WORDS } from './format.js'
import { html, raw } from './html.js'
import { renderAlerts, renderRecovery } from './renderPanels.js'
import { renderPerformance } from './renderPerformance.js'
import { renderServices, renderSummary } from './renderServices.js'

/** The parts of the page that change with each cycle; the live script swaps them by id (`sp-<name>`). */
export type Sections = Record<'summary' | 'services' | 'alerts' | 'recovery' | 'performance', string>

export function renderSections(view: StatusView): Sections {
  return {
    summary: renderSummary(view).value,
    services: renderServices(view).value,
    alerts: renderAlerts(view).value,
    recovery: renderRecovery(view).value,
    performance: renderPerformance(view).value,
  }
}

export function pageTitle(view: StatusView): string {
  return `${STATUS_WORDS[view.overall]} · SqueezeFlow status`
}

export interface PageAssets {
  css: string
  js: string
  icon: string
}

/**
 * The whole page, complete without script: with JavaScript off it reloads itself every check interval;
 * with it, the script keeps the sections current from `/events`.
 */
export function renderPage(s: Sections, title: string, assets: PageAssets, refreshSeconds: number): string {
  const section = (name: keyof Sections, title: string) =>
    html`<section aria-labelledby="h-${name}"><h2 id="h-${name}">${title}</h2><div id="sp-${name}">${raw(s[name])}</div></section>`
  return `<!doctype html>\n${
    html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>
<link rel="icon" href="${assets.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${assets.css}">
<script type="module" src="${assets.js}"></script>
<noscript><meta http-equiv="refresh" content="${refreshSeconds}"></noscript>
</head><body>
<header class="top"><h1>SqueezeFlow status</h1>
<p id="sp-connection" class="conn" role="status" data-state="static">Live updates need JavaScript; this page reloads every ${refreshSeconds} s.</p></header>
<main>
<div id="sp-summary" class="summary" aria-live="polite">${raw(s.summary)}</div>
<section aria-labelledby="h-services"><h2 id="h-services">Services</h2><div id="sp-services" class="tiles">${raw(s.services)}</div></section>
${section('alerts', 'Active alerts')}
<section aria-labelledby="h-events" id="sp-events-section" hidden><h2 id="h-events">Events since this page opened</h2><ol id="sp-events" class="events" aria-live="polite"></ol></section>
${section('recovery', 'Recovery')}
${section('performance', 'Performance')}
</main>
<footer><p>Badges: <code>/badge/&lt;service&gt;.svg</code> and <code>/badge/&lt;service&gt;/uptime.svg?window=24h|7d|30d|90d</code>. JSON: <a href="/health/detailed">/health/detailed</a>.</p></footer>
</body></html>`.value
  }\n`
}
