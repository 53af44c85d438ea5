import { systemClock } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { BUSYBOX_IMAGE_TAG, type DockerDaemon, startDockerd, waitFor } from '@squeezeflow/test-harness'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerContainers } from '../../src/adapters/createDockerContainers.js'
import { createContainerStats } from '../../src/adapters/watch/containerStats.js'
import { type RunningMonitor, type Stack, startMonitor, startStack, testEnv } from './monitorFixtures.js'

const quiet = () => createLogger({ service: 'test', level: 'ERROR', json: true })

/** The monitor's Docker seams on `socketPath`, aggr_server being the container named `aggr-server-under-watch`. */
function dockerSeams(socketPath: string) {
  const endpoint = { socketPath }
  return {
    containers: createDockerContainers({
      endpoint,
      targets: { aggr_server: { composeService: 'aggr-server', containerName: 'aggr-server-under-watch' } },
      restartable: new Set(),
      logger: quiet(),
    }),
    containerStats: createContainerStats({ endpoint, callTimeoutMs: 3000, clock: systemClock }),
  }
}

describe('container figures in the running monitor (real dockerd)', () => {
  let stack: Stack
  let daemon: DockerDaemon
  const monitors: RunningMonitor[] = []

  beforeAll(async () => {
    ;[stack, daemon] = await Promise.all([startStack(), startDockerd()])
    await daemon.importBusyboxImage()
    const docker = new Docker({ socketPath: daemon.socketPath })
    const container = await docker.createContainer({
      name: 'aggr-server-under-watch',
      Image: BUSYBOX_IMAGE_TAG,
      Cmd: ['sh', '-c', "trap 'exit 0' TERM; sleep 2147483647 & wait"],
      HostConfig: { NetworkMode: 'none', Memory: 64 * 1024 * 1024 },
    })
    await container.start()
  })

  afterAll(async () => {
    for (const running of monitors) await running.stop()
    await Promise.all([daemon?.stop(), stack?.stop()])
  })

  it('shows the container resources of aggr_server in /health/service/aggr_server', async () => {
    const running = await startMonitor(testEnv(stack), dockerSeams(daemon.socketPath))
    monitors.push(running)
    const resources = await waitFor(
      async () => {
        const figures = (await running.service('aggr_server')).details.container_resources
        if (typeof figures !== 'object' || figures === null) throw new Error(`not yet: ${String(figures)}`)
        return figures as Record<string, unknown>
      },
      { timeoutMs: 30_000, intervalMs: 250, description: 'container resources' },
    )
    expect(resources).toMatchObject({
      service: 'aggr_server',
      running: true,
      memory_limit_bytes: 64 * 1024 * 1024,
      memory_limited: true,
      oom_killed: false,
    })
    expect(resources.memory_used_bytes).toBeGreaterThan(0)
    const metrics = (await running.get('/metrics')).text
    expect(metrics).toContain('squeezeflow_container_memory_limit_bytes{service="aggr_server"} 67108864')
  })

  it('says why when Docker cannot be reached, and the check goes on', async () => {
    const running = await startMonitor(testEnv(stack), dockerSeams(`${daemon.dir}/missing.sock`))
    monitors.push(running)
    const aggr = await waitFor(
      async () => {
        const result = await running.service('aggr_server')
        if (result.details.container_resources === undefined) throw new Error('no cycle yet')
        return result
      },
      { timeoutMs: 20_000, intervalMs: 250, description: 'first cycle' },
    )
    expect(aggr.details.container_resources).toBe(
      `unavailable, because no Docker socket at ${daemon.dir}/missing.sock`,
    )
    expect(aggr.details).toHaveProperty('http_probe')
  })
})
