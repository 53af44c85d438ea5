import { Counter, type Registry } from 'prom-client'
import type { AlertmanagerStatus } from './createAlertmanagerSink.js'

/**
 * Registers `squeezeflow_alertmanager_sent_total{result="success"|"error"}` (one per POST to one
 * Alertmanager) on `registry`, read from `createAlerting`'s status at scrape time; nothing counts while no
 * Alertmanager is configured.
 */
export function registerAlertmanagerMetrics(
  registry: Registry,
  alerting: { status(): { alertmanager?: Pick<AlertmanagerStatus, 'sent'> } },
): void {
  const reported = { success: 0, error: 0 }
  new Counter({
    name: 'squeezeflow_alertmanager_sent_total',
    help: 'Posts of alerts to an Alertmanager, by result',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      const sent = alerting.status().alertmanager?.sent ?? { success: 0, error: 0 }
      for (const result of ['success', 'error'] as const) {
        // A counter only moves forward: add what was sent since the last scrape.
        this.inc({ result }, sent[result] - reported[result])
        reported[result] = sent[result]
      }
    },
  })
}
