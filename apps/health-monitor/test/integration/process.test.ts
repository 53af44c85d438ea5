import type { ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { getFreePort, waitFor } from '@squeezeflow/test-harness'
import { afterEach, describe, expect, it } from 'vitest'
import { startProcess } from './processFixture.js'

describe('the health-monitor process', () => {
  let child: ChildProcess | undefined

  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL')
      await once(child, 'exit')
    }
  })

  it('refuses a bad environment value with one line naming the variable, and exit code 1', async () => {
    const started = startProcess({ DATA_GAP_CRITICAL_MINUTES: 'ten' })
    child = started.child
    const [code] = (await once(child, 'exit')) as [number | null]
    const { stderr, stdout } = started.output()
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr.trim().split('\n')).toEqual([
      'health-monitor: invalid DATA_GAP_CRITICAL_MINUTES="ten": expected a number from 0.01 to 10080',
    ])
  })

  it('starts without Redis and InfluxDB, tells the truth over HTTP, and stops cleanly on SIGTERM', async () => {
    const [port, deadRedis, deadInflux] = await Promise.all([getFreePort(), getFreePort(), getFreePort()])
    const started = startProcess({
      HEALTH_MONITOR_PORT: String(port),
      REDIS_HOST: '127.0.0.1',
      REDIS_PORT: String(deadRedis),
      INFLUX_HOST: '127.0.0.1',
      INFLUX_PORT: String(deadInflux),
      AGGR_SERVER_URL: `http://127.0.0.1:${deadInflux}/`,
      HEALTH_CHECK_INTERVAL: '1',
      LOG_LEVEL: 'ERROR',
    })
    child = started.child
    const base = `http://127.0.0.1:${port}`
    await waitFor(async () => (await fetch(`${base}/readyz`)).ok, {
      timeoutMs: 30_000,
      description: 'first cycle',
    })
    const health = await fetch(`${base}/health`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({
      status: 'critical',
      services: { redis: 'critical', influxdb: 'critical' },
    })
    expect((await fetch(`${base}/livez`)).status).toBe(200)

    child.kill('SIGTERM')
    const [code] = (await once(child, 'exit')) as [number | null]
    expect(code).toBe(0)
  })
})
