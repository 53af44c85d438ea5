import { createManualClock, type HealthCheck, type HealthStatus } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { dashboardText } from '../../test/integration/statusPage/dashboardFixture.js'
import { buildStatusView } from './buildStatusView.js'
import { createStatusHistory } from './createStatusHistory.js'
import { createDashboardTracker } from './dashboardTracker.js'
import { pageTitle, renderPage, renderSections } from './renderPage.js'

const NOW = Date.parse('2026-03-01T12:00:00Z')
const ASSETS = {
  css: '/static/statusPage.abc.css',
  js: '/static/statusPage.def.js',
  icon: '/static/favicon.0.svg',
}

function result(
  name: string,
  status: HealthStatus,
  message: string,
  details: Record<string, unknown> = {},
): HealthCheck {
  return {
    name,
    status,
    message,
    details,
    response_time_ms: 12.3,
    timestamp: new Date(NOW - 1000).toISOString(),
  }
}

function scenario(dashboard: string | null) {
  const results = new Map([
    [
      'redis',
      result('redis', 'healthy', 'redis 7.0.15 answering in 1 ms', { ping_ms: 1.2, used_memory_mb: 3.4 }),
    ],
    [
      'aggr_server',
      result('aggr_server', 'critical', 'no data written for 12 min <script>alert(1)</script>', {
        data_gap_minutes: 12,
        recent_data_count: 0,
        window_minutes: 5,
        points_per_minute: 0,
        container: { status: 'running', restart_count: 2, running: true },
      }),
    ],
    [
      'strategy_runner',
      result('strategy_runner', 'degraded', 'not generating signals', {
        signals_published: 10,
        seconds_since_advance: 400,
      }),
    ],
  ])
  const clock = createManualClock(NOW).clock
  const tracker = createDashboardTracker({ staleAfterSeconds: 90 })
  tracker.update({ text: dashboard })
  return buildStatusView({
    now: NOW,
    cycle: {
      cycle: 4,
      results,
      criticalServices: new Set(['redis', 'aggr_server']),
      startedAt: NOW - 1300,
      completedAt: NOW - 1000,
    },
    serviceNames: ['redis', 'aggr_server', 'strategy_runner', 'influxdb'],
    history: (name) => (results.has(name) ? [results.get(name) as HealthCheck] : []),
    statusHistory: createStatusHistory({ clock, intervalMs: 30_000 }),
    alerts: [],
    recovery: null,
    dashboard: tracker.view(NOW),
  })
}

describe('renderPage', () => {
  it('lists every service with its status in words, and the overall verdict', () => {
    const view = scenario(dashboardText(NOW - 5000))
    const page = renderPage(renderSections(view), pageTitle(view), ASSETS, 30)
    expect(pageTitle(view)).toBe('Critical · SqueezeFlow status')
    for (const [name, word] of [
      ['redis', 'Healthy'],
      ['aggr_server', 'Critical'],
      ['strategy_runner', 'Degraded'],
      ['influxdb', 'Unknown'],
    ]) {
      const tile = new RegExp(`<article class="tile s-\\w+" id="svc-${name}"[\\s\\S]*?</article>`).exec(
        page,
      )?.[0]
      expect(tile, name).toContain(`</span> ${word}</span>`)
    }
    expect(page).toContain('Container: running, 2 restarts')
    expect(page).toContain('<dt>Data gap</dt><dd>12 min</dd>')
    expect(page).toContain('Last check cycle #4')
  })

  it('escapes text from checks and loads script and styles only from its own hashed assets', () => {
    const view = scenario(null)
    const page = renderPage(renderSections(view), pageTitle(view), ASSETS, 30)
    expect(page).not.toContain('<script>alert(1)')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page.match(/<script\b[^>]*>/g)).toEqual([`<script type="module" src="${ASSETS.js}">`])
    expect(page).not.toMatch(/\sstyle=|<style|\son[a-z]+=/)
    expect(page).toContain('<meta http-equiv="refresh" content="30">')
  })

  it('says so when the dashboard is missing or stale, and shows its figures when fresh', () => {
    expect(renderSections(scenario(null)).performance).toContain('data-dashboard="missing"')
    expect(renderSections(scenario('{"oops"')).performance).toContain('data-dashboard="invalid"')
    const stale = renderSections(scenario(dashboardText(NOW - 600_000))).performance
    expect(stale).toContain('data-dashboard="stale"')
    expect(stale).toContain('10 min ago')
    const fresh = renderSections(scenario(dashboardText(NOW - 5000))).performance
    expect(fresh).toContain('data-dashboard="fresh"')
    expect(fresh).toContain('<th scope="row">redis_publish</th><td>8 ms</td><td>9 ms</td>')
    expect(fresh).toContain('<td>11.1%</td>')
  })
})
