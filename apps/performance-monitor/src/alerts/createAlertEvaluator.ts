import {
  type ActiveAlert,
  type Alert,
  type AlertIdentity,
  AlertTracker,
  alertFingerprint,
  type Clock,
  compareToThreshold,
  renderAlertMessage,
} from '@squeezeflow/core'
import { ruleMatches, toMetricRule } from './toMetricRule.js'
import type { PerformanceAlertRule } from './types.js'

/** The latest value of one metric, as the alert rules see it. */
export interface MetricLatest {
  name: string
  /** The service that recorded it. */
  service: string
  value: number
}

export interface AlertEvaluatorOptions {
  clock: Clock
  /** A firing alert is re-announced at most this often, in seconds (ALERT_REPEAT_INTERVAL). */
  repeatIntervalSeconds: number
  rules: readonly PerformanceAlertRule[]
  /** `source` of every alert. Default `performance-monitor`. */
  source?: string
}

export interface AlertEvaluator {
  /** Validates a definition and adds it, replacing a rule of the same name. Throws AlertDefinitionError. */
  addRule(definition: unknown): PerformanceAlertRule
  /** Removes the rule called `name`; its alerts resolve on the next evaluation. False if there was none. */
  removeRule(name: string): boolean
  rules(): PerformanceAlertRule[]
  /** One evaluation cycle on the metrics' latest values; returns the alerts to publish now. */
  evaluate(metrics: Iterable<MetricLatest>): Alert[]
  firing(): ActiveAlert[]
  pending(): ActiveAlert[]
}

/**
 * Threshold rules on each metric's latest value, through core's pending → firing → resolved state machine. An
 * alert whose rule was disabled, replaced or removed, or whose metric moved to another service, is resolved.
 */
export function createAlertEvaluator(options: AlertEvaluatorOptions): AlertEvaluator {
  const { clock, repeatIntervalSeconds, source = 'performance-monitor' } = options
  const tracker = new AlertTracker({ clock, repeatIntervalSeconds })
  const rules = new Map<string, PerformanceAlertRule>()
  for (const rule of options.rules) rules.set(rule.name, toMetricRule(rule))
  /** Per rule and metric, the identity its alert was last observed under. */
  const identities = new Map<string, AlertIdentity>()

  const clear = (identity: AlertIdentity) =>
    tracker.observe({ ...identity, active: false, severity: 'info', message: '' })

  /** The transitions of one rule on one metric: the old identity's resolution when the metric moved, then its own. */
  const observe = (rule: PerformanceAlertRule, metric: MetricLatest, key: string): Alert[] => {
    const identity: AlertIdentity = {
      source,
      rule: rule.match === 'exact' ? rule.name : `${rule.name}:${metric.name}`,
      service: metric.service,
    }
    const previous = identities.get(key)
    const moved =
      previous && alertFingerprint(previous) !== alertFingerprint(identity) ? clear(previous) : undefined
    identities.set(key, identity)
    const template = rule.message_template
      .replaceAll('{metric}', metric.name)
      .replaceAll('{service}', metric.service)
    const alert = tracker.observe({
      ...identity,
      active: compareToThreshold(metric.value, rule.comparison, rule.threshold_value),
      severity: rule.severity,
      message: renderAlertMessage(template, {
        value: metric.value,
        threshold: rule.threshold_value,
        durationSeconds: rule.duration_seconds,
      }),
      value: metric.value,
      threshold: rule.threshold_value,
      durationSeconds: rule.duration_seconds,
    })
    return [moved, alert].filter((a): a is Alert => a !== undefined)
  }

  return {
    addRule(definition) {
      const rule = toMetricRule(definition)
      rules.set(rule.name, rule)
      return rule
    },
    removeRule: (name) => rules.delete(name),
    rules: () => [...rules.values()],
    evaluate(metrics) {
      const published: Alert[] = []
      const seen = new Set<string>()
      const latest = [...metrics]
      for (const rule of rules.values()) {
        if (!rule.enabled) continue
        for (const metric of latest) {
          if (!ruleMatches(rule, metric.name)) continue
          const key = `${rule.name}\u0000${metric.name}`
          seen.add(key)
          published.push(...observe(rule, metric, key))
        }
      }
      for (const [key, identity] of identities) {
        if (seen.has(key)) continue
        identities.delete(key)
        const alert = clear(identity)
        if (alert) published.push(alert)
      }
      return published
    },
    firing: () => tracker.active().filter((a) => a.state === 'firing'),
    pending: () => tracker.active().filter((a) => a.state === 'pending'),
  }
}
