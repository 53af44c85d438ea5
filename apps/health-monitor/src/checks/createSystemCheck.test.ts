import { createManualClock } from '@squeezeflow/core'
import type { HostProbe } from '@squeezeflow/service-kit/host'
import { describe, expect, it } from 'vitest'
import { createSystemCheck, type SystemSample, systemOutcome } from './createSystemCheck.js'

const THRESHOLDS = { cpuPercent: 80, memoryPercent: 85, diskPercent: 90, alertDurationSeconds: 120 }
const SAMPLE: SystemSample = {
  cpuPercent: 10,
  memoryPercent: 40,
  memoryUsedBytes: 4e9,
  memoryTotalBytes: 1e10,
  diskPath: '/',
  diskPercent: 50,
  diskUsedBytes: 5e10,
  diskTotalBytes: 1e11,
  loadAverage: [0.5, 0.4, 0.3],
  networkRxBytes: 1000,
  networkTxBytes: 500,
}
const NO_RATES = { rxPerSecond: null, txPerSecond: null }

/** The host is outside the system: a probe answering with the figures of the given samples, in turn. */
function probeOf(samples: SystemSample[]): HostProbe {
  let current = SAMPLE
  return {
    async cpuPercent() {
      current = samples.shift() ?? SAMPLE
      return current.cpuPercent
    },
    memory: async () => ({
      usedBytes: current.memoryUsedBytes,
      totalBytes: current.memoryTotalBytes,
      percent: current.memoryPercent,
    }),
    disk: async () => ({
      usedBytes: current.diskUsedBytes,
      totalBytes: current.diskTotalBytes,
      percent: current.diskPercent,
    }),
    loadAverage: async () => current.loadAverage,
    networkTotals: async () => ({ rxBytes: current.networkRxBytes, txBytes: current.networkTxBytes }),
  }
}

describe('system check', () => {
  it('is healthy under every threshold', () => {
    expect(systemOutcome(SAMPLE, THRESHOLDS, NO_RATES)).toMatchObject({
      status: 'healthy',
      details: { cpu_percent: 10, load_average: [0.5, 0.4, 0.3] },
    })
  })

  it('is degraded with one warning per exceeded threshold, each with the configured duration', () => {
    const outcome = systemOutcome(
      { ...SAMPLE, cpuPercent: 80.5, memoryPercent: 86, diskPercent: 91 },
      THRESHOLDS,
      NO_RATES,
    )
    expect(outcome.status).toBe('degraded')
    expect(outcome.conditions?.map((c) => [c.rule, c.severity, c.durationSeconds])).toEqual([
      ['cpu_percent_gt', 'warning', 120],
      ['memory_percent_gt', 'warning', 120],
      ['disk_percent_gt', 'warning', 120],
    ])
  })

  it('derives network rates from the previous sample', async () => {
    const { clock, advance } = createManualClock()
    const samples = [SAMPLE, { ...SAMPLE, networkRxBytes: 3000, networkTxBytes: 1500 }]
    const check = createSystemCheck(probeOf(samples), '/', THRESHOLDS, clock)
    expect((await check()).details?.network_rx_bytes_per_second).toBeNull()
    advance(2000)
    expect((await check()).details).toMatchObject({
      network_rx_bytes_per_second: 1000,
      network_tx_bytes_per_second: 500,
    })
  })
})
