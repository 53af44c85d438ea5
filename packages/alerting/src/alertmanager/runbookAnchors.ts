/**
 * README sections that tell an operator what to do about a rule (anchor of the section heading). Rules with
 * no section get no `runbook_url`.
 */
export const RUNBOOK_ANCHORS: Readonly<Record<string, string>> = {
  data_gap: 'troubleshooting',
  signals_stalled: 'troubleshooting',
  container_stopped: 'troubleshooting',
  http_probe_failed: 'troubleshooting',
  service_status: 'troubleshooting',
  auto_restart: 'auto-recovery-health-monitor',
  auto_restart_refused: 'auto-recovery-health-monitor',
  auto_restart_suspended: 'auto-recovery-health-monitor',
}
