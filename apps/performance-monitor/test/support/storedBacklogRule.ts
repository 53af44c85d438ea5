/**
 * `signal_backlog > 100 for 2 s` as the clients store it in `<prefix>:alert_rules` (the Python client's
 * `HealthMonitor.add_performance_alert`, the SDK's `addPerformanceAlert`): every field, defaults filled in.
 */
export function storedBacklogRule(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'signal_backlog_gt',
    metric_name: 'signal_backlog',
    threshold_value: 100,
    comparison: 'gt',
    duration_seconds: 2,
    severity: 'warning',
    message_template: 'Signal backlog high: {value} signals',
    enabled: true,
    match: 'exact',
    scope: 'metric',
    added_by: 'strategy-runner',
    updated_at: '2026-11-30T08:00:00.000Z',
    ...changes,
  }
}
