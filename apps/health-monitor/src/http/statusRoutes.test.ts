import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createManualClock } from '@squeezeflow/core'
import { createMetricsRegistry } from '@squeezeflow/service-kit/prometheus'
import { createRepeatingTask, livenessOf } from '@squeezeflow/service-kit/scheduling'
import { Router } from 'express'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../test/fixtures/silentLogger.js'
import { createCheckLoop } from '../loop/createCheckLoop.js'
import { createApp } from './createApp.js'
import { createHealthBodyCache } from './healthSummary.js'

/** The app around one repeating task whose runs hang until the test lets them finish. */
function setup() {
  const { clock, advance } = createManualClock()
  let hanging = true
  let release: () => void = () => undefined
  const finish = () => {
    hanging = false
    release()
  }
  const task = createRepeatingTask({
    name: 'check_loop',
    intervalMs: 1000,
    graceMs: 500,
    run: () => (hanging ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve()),
    logger: silentLogger,
    clock,
  })
  const loop = createCheckLoop({
    intervalSeconds: 1,
    defaultTimeoutSeconds: 1,
    slowCheckMs: 1000,
    clock,
    logger: silentLogger,
  })
  const app = createApp({
    loop,
    healthBody: createHealthBodyCache(loop),
    detailedBody: () => {
      throw new Error('not asked')
    },
    metricsBody: () => Promise.reject(new Error('not asked')),
    alerts: {
      active: () => [],
      performance: () => ({ firing: [], recent: [] }),
      delivery: () => null,
      customRules: () => ({ active: [], rejected: [] }),
    },
    registry: createMetricsRegistry(),
    statusPage: {
      routes: () => Router(),
      uptime: () => {
        throw new Error('not asked')
      },
    },
    recovery: () => undefined,
    redisState: () => 'ready',
    liveness: () => livenessOf([task], clock()),
    startedAt: new Date(clock()),
    clock,
    logger: silentLogger,
  })
  return { task, app, advance, finish }
}

let server: Server | undefined
afterEach(() => {
  server?.close()
  server = undefined
})

async function get(app: ReturnType<typeof setup>['app'], path: string) {
  server ??= await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

describe('/livez', () => {
  it('is 503 naming the task that has not completed a run for 3 intervals plus its grace', async () => {
    const { task, app, advance, finish } = setup()
    task.start()
    // The first run starts on a timer.
    await new Promise((resolve) => setTimeout(resolve, 5))
    advance(3500)
    expect((await get(app, '/livez')).status).toBe(200)
    advance(1)
    expect(await get(app, '/livez')).toMatchObject({
      status: 503,
      body: { status: 'stalled', stalled: ['check_loop'], tasks: [{ name: 'check_loop', stalled: true }] },
    })
    finish()
    await task.stop()
  })

  it('is 200 with every task listed while they keep up', async () => {
    const { task, app, advance, finish } = setup()
    task.start()
    // The first run starts on a timer.
    await new Promise((resolve) => setTimeout(resolve, 5))
    advance(5000)
    finish()
    await new Promise((resolve) => setImmediate(resolve))
    expect(await get(app, '/livez')).toMatchObject({
      status: 200,
      body: { status: 'alive', stalled: [], tasks: [{ name: 'check_loop', stalled: false }] },
    })
    await task.stop()
  })
})
