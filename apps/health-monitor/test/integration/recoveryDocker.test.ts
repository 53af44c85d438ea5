import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type DockerDaemon, startDockerd } from '@squeezeflow/test-harness'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDockerContainers, type DockerContainers } from '../../src/adapters/createDockerContainers.js'
import { quietLogger, startedAt, startLabelledContainer } from './recoveryFixtures.js'

const READ_ONLY = [/^GET \/(v[\d.]+\/)?_ping$/, /^GET \/(v[\d.]+\/)?containers\/(json|[^/]+\/json)(\?|$)/]
const WITH_RESTART = [...READ_ONLY, /^POST \/(v[\d.]+\/)?containers\/[^/]+\/restart(\?|$)/]

/**
 * A least-privilege socket proxy, as the README recommends in production: only ping, list, inspect and
 * (when allowed) restart pass; everything else is 403.
 */
async function startSocketProxy(socketPath: string, allowed: RegExp[]): Promise<Server> {
  const server = createServer((req, res) => {
    if (!allowed.some((rule) => rule.test(`${req.method} ${req.url}`))) {
      res.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"forbidden by proxy"}')
      return
    }
    const upstream = request(
      { socketPath, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return server
}

const TARGETS = {
  aggr_server: { composeService: 'aggr-server', composeProject: 'adapter' },
  strategy_runner: { composeService: 'strategy-runner', containerName: 'runner-by-name' },
  redis: { composeService: 'redis' },
}

describe('Docker adapter against a real dockerd', () => {
  let daemon: DockerDaemon
  let docker: Docker
  let adapter: DockerContainers
  let aggr: Docker.Container
  const proxies: Server[] = []

  const through = (host: string, socketPath = '/nonexistent') =>
    createDockerContainers({
      endpoint: { host, socketPath },
      targets: TARGETS,
      restartable: new Set(['aggr_server', 'strategy_runner']),
      logger: quietLogger(),
    })
  const proxied = async (allowed: RegExp[]) => {
    const proxy = await startSocketProxy(daemon.socketPath, allowed)
    proxies.push(proxy)
    return through(`tcp://127.0.0.1:${(proxy.address() as AddressInfo).port}`)
  }

  beforeAll(async () => {
    daemon = await startDockerd()
    docker = new Docker({ socketPath: daemon.socketPath })
    await daemon.importBusyboxImage()
    // An exited leftover of the same service must not be picked over the running one.
    const stale = await startLabelledContainer(docker, 'adapter', 'aggr-server')
    await stale.stop({ t: 1 })
    aggr = await startLabelledContainer(docker, 'adapter', 'aggr-server')
    await startLabelledContainer(docker, 'other-project', 'aggr-server')
    const runner = await docker.createContainer({
      name: 'runner-by-name',
      Image: 'squeezeflow/busybox:test',
      HostConfig: { NetworkMode: 'none' },
    })
    await runner.start()
    adapter = createDockerContainers({
      endpoint: { socketPath: daemon.socketPath },
      targets: TARGETS,
      restartable: new Set(['aggr_server', 'strategy_runner']),
      logger: quietLogger(),
    })
  })

  afterAll(async () => {
    for (const proxy of proxies) proxy.close()
    await daemon?.stop()
  })

  it('finds containers by compose labels (project included) or by name, and reads their state', async () => {
    expect(await adapter.checkAvailability()).toEqual({ available: true })
    const state = await adapter.containerState('aggr_server')
    expect(state).toMatchObject({ container_id: aggr.id, running: true, status: 'running', restart_count: 0 })
    expect(state?.started_at).toBe(await startedAt(aggr))
    expect(await adapter.containerState('strategy_runner')).toMatchObject({
      name: 'runner-by-name',
      running: true,
    })
    expect(await adapter.containerState('performance_monitor')).toBeUndefined()
  })

  it('restarts with the stop timeout; the start time changes', async () => {
    const before = await startedAt(aggr)
    const result = await adapter.restart('aggr_server', 1)
    expect(result).toMatchObject({ ok: true, container: { container_id: aggr.id, running: true } })
    expect(await startedAt(aggr)).not.toBe(before)
  })

  it('never restarts a service that is not on the allowlist, even one it can see', async () => {
    const decoy = await startLabelledContainer(docker, 'adapter', 'redis')
    const before = await startedAt(decoy)
    expect(await adapter.containerState('redis')).toMatchObject({ container_id: decoy.id })
    expect(await adapter.restart('redis', 1)).toEqual({
      ok: false,
      reason: 'redis is not on the auto-restart allowlist',
    })
    expect(await startedAt(decoy)).toBe(before)
  })

  it('reports a missing socket as unavailable with the reason, without throwing', async () => {
    const missing = createDockerContainers({
      endpoint: { socketPath: `${daemon.dir}/missing.sock` },
      targets: TARGETS,
      restartable: new Set(['aggr_server']),
      logger: quietLogger(),
    })
    expect(await missing.checkAvailability()).toEqual({
      available: false,
      reason: `no Docker socket at ${daemon.dir}/missing.sock`,
    })
    expect(await missing.containerState('aggr_server')).toBeUndefined()
    expect(await missing.restart('aggr_server', 1)).toEqual({
      ok: false,
      reason: `no Docker socket at ${daemon.dir}/missing.sock`,
    })
  })

  it('works through a socket proxy given as DOCKER_HOST=tcp://, and says when the proxy forbids restarts', async () => {
    const full = await proxied(WITH_RESTART)
    expect(await full.checkAvailability()).toEqual({ available: true })
    const before = await startedAt(aggr)
    expect(await full.restart('aggr_server', 1)).toMatchObject({ ok: true })
    expect(await startedAt(aggr)).not.toBe(before)

    const readOnly = await proxied(READ_ONLY)
    expect(await readOnly.containerState('aggr_server')).toMatchObject({ container_id: aggr.id })
    const refused = await readOnly.restart('aggr_server', 1)
    expect(refused).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^forbidden by http:\/\/127\.0\.0\.1:\d+: the socket proxy must allow/),
    })
  })

  it('reports a refused TCP connection as unavailable', async () => {
    const closed = await startSocketProxy(daemon.socketPath, WITH_RESTART)
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    expect(await through(`tcp://127.0.0.1:${port}`).checkAvailability()).toEqual({
      available: false,
      reason: `connection refused by http://127.0.0.1:${port}`,
    })
  })
})
