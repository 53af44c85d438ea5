import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type HarnessServer, HarnessStartError, startAlertmanager } from '../src/index.js'

const CONFIG = `
route: { receiver: nobody }
receivers: [{ name: nobody }]
`

describe('startAlertmanager', () => {
  let alertmanager: HarnessServer

  beforeAll(async () => {
    alertmanager = await startAlertmanager({ config: CONFIG })
  })

  afterAll(async () => {
    await alertmanager?.stop()
  })

  it('serves its API on a free loopback port, not 9093', async () => {
    expect(alertmanager.port).not.toBe(9093)
    const alert = {
      labels: { alertname: 'harness_test' },
      endsAt: new Date(Date.now() + 60_000).toISOString(),
    }
    const posted = await fetch(`${alertmanager.url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([alert]),
    })
    expect(posted.status).toBe(200)
    const alerts = (await (await fetch(`${alertmanager.url}/api/v2/alerts`)).json()) as Array<{
      labels: object
    }>
    expect(alerts.map((a) => a.labels)).toEqual([{ alertname: 'harness_test' }])
  })

  it('runs as a single node: no cluster peers', async () => {
    const status = (await (await fetch(`${alertmanager.url}/api/v2/status`)).json()) as {
      cluster: { status: string; peers?: unknown[] }
    }
    expect(status.cluster.status).toBe('disabled')
  })

  it('refuses a bad config with the log of the failed start', async () => {
    const start = startAlertmanager({ config: 'route: { receiver: missing }\n' })
    await expect(start).rejects.toThrow(HarnessStartError)
    await expect(start).rejects.toThrow(/alertmanager exited/)
  })

  it('removes its dir on stop()', async () => {
    const other = await startAlertmanager({ config: CONFIG })
    await other.stop()
    expect(existsSync(other.dir)).toBe(false)
  })
})
