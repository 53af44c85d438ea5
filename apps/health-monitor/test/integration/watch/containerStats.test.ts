import { createManualClock } from '@squeezeflow/core'
import { BUSYBOX_IMAGE_TAG, type DockerDaemon, startDockerd, waitFor } from '@squeezeflow/test-harness'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ContainerResourcesReading,
  createContainerStats,
} from '../../../src/adapters/watch/containerStats.js'
import { containerConditions } from '../../../src/watch/containerResources.js'

const MIB = 1024 * 1024
const IDLE = "trap 'exit 0' TERM INT; sleep 2147483647 & wait"

/** Fills `mib` MiB of a tmpfs (memory the kernel cannot reclaim without swap), says so, then idles. */
const fill = (mib: number) =>
  `dd if=/dev/zero of=/data/fill bs=1M count=${mib} 2>/dev/null; echo filled; ${IDLE}`

async function run(
  docker: Docker,
  cmd: string,
  hostConfig: Docker.HostConfig = {},
): Promise<Docker.Container> {
  const container = await docker.createContainer({
    Image: BUSYBOX_IMAGE_TAG,
    Cmd: ['sh', '-c', cmd],
    HostConfig: { NetworkMode: 'none', Tmpfs: { '/data': 'size=256m' }, ...hostConfig },
  })
  await container.start()
  return container
}

async function logsSay(container: Docker.Container, text: string): Promise<boolean> {
  const logs = await container.logs({ stdout: true, stderr: true, follow: false })
  return logs.toString().includes(text)
}

function available(reading: ContainerResourcesReading | undefined) {
  if (reading === undefined || !reading.available) throw new Error(`unavailable: ${JSON.stringify(reading)}`)
  return reading
}

describe('container resources against a real dockerd', () => {
  let daemon: DockerDaemon
  let docker: Docker
  const manual = createManualClock(Date.now())

  beforeAll(async () => {
    daemon = await startDockerd()
    docker = new Docker({ socketPath: daemon.socketPath })
    await daemon.importBusyboxImage()
  })

  afterAll(async () => {
    await daemon?.stop()
  })

  const stats = () =>
    createContainerStats({ endpoint: { socketPath: daemon.socketPath }, clock: manual.clock })

  it('shows a tmpfs file of known size as memory in use (within 10 %), and a memory limit with its percentage', async () => {
    const unlimited = await run(docker, fill(64))
    const limited = await run(docker, fill(32), { Memory: 128 * MIB })
    await waitFor(async () => (await logsSay(unlimited, 'filled')) && (await logsSay(limited, 'filled')), {
      description: 'both containers filled their tmpfs',
    })
    const [a, b] = await stats().read([
      { service: 'aggr_server', containerId: unlimited.id },
      { service: 'strategy_runner', containerId: limited.id },
    ])
    const big = available(a)
    expect(Math.abs(big.memory_used_bytes - 64 * MIB) / (64 * MIB)).toBeLessThan(0.1)
    expect(big).toMatchObject({
      service: 'aggr_server',
      running: true,
      memory_limited: false,
      restart_count: 0,
      oom_killed: false,
    })
    // Without a limit docker reports the host's memory as the limit.
    expect(big.memory_limit_bytes).toBeGreaterThan(128 * MIB)

    const small = available(b)
    expect(small).toMatchObject({ memory_limit_bytes: 128 * MIB, memory_limited: true })
    expect(Math.abs(small.memory_percent - 25) / 25).toBeLessThan(0.1)
    expect(
      containerConditions(small, { cpuPercent: 80, memoryPercent: 20, durationSeconds: 120 }),
    ).toMatchObject([{ rule: 'container_memory_near_limit', severity: 'warning', durationSeconds: 120 }])
  })

  it('computes CPU like the docker CLI: a busy loop shows, an idle container does not', async () => {
    const busy = await run(docker, 'while :; do :; done')
    const idle = await run(docker, IDLE)
    const refs = [
      { service: 'busy', containerId: busy.id },
      { service: 'idle', containerId: idle.id },
    ]
    // One spinning thread is up to 100 % (of one CPU); the machine's other work takes some of it.
    const expectBusyAndIdle = ([b, i]: ContainerResourcesReading[]) => {
      expect(available(b).cpu_percent).toBeGreaterThan(20)
      expect(available(i).cpu_percent).toBeLessThan(5)
    }
    // The daemon's own pair of samples, a second apart, as `docker stats --no-stream` gets them.
    expectBusyAndIdle(
      await createContainerStats({
        endpoint: { socketPath: daemon.socketPath },
        oneShot: false,
        clock: manual.clock,
      }).read(refs),
    )
    // One-shot: unknown in the first cycle, then between this cycle's sample and the last.
    const oneShot = stats()
    expect((await oneShot.read(refs)).map((r) => available(r).cpu_percent)).toEqual([null, null])
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expectBusyAndIdle(await oneShot.read(refs))
    await busy.kill()
  })

  it('shows uptime from the start time, on the injected clock', async () => {
    const container = await run(docker, IDLE)
    const startedAt = Date.parse((await container.inspect()).State.StartedAt)
    manual.set(startedAt + 90_500)
    const [reading] = await stats().read([{ service: 'x', containerId: container.id }])
    expect(available(reading).uptime_seconds).toBe(90)
  })

  it('marks a container killed for running out of memory', async () => {
    // One 200 MiB read buffer: anonymous memory the kernel cannot reclaim, so the limit kills it every time.
    const oomRun = () =>
      run(docker, 'dd if=/dev/zero of=/dev/null bs=200M count=1', { Memory: 32 * MIB, MemorySwap: 32 * MIB })
    const exited = async (container: Awaited<ReturnType<typeof oomRun>>) => {
      let state = (await container.inspect()).State
      await waitFor(
        async () => {
          state = (await container.inspect()).State
          if (!state.Running && (state.OOMKilled || state.ExitCode !== 137)) return true
          throw new Error(
            `last state: ${state.Status}, exit code ${state.ExitCode}, OOMKilled ${state.OOMKilled}`,
          )
        },
        // Docker records the OOM kill from containerd's event, which can arrive just after the exit itself.
        { description: 'the container exited, killed for memory', timeoutMs: 10_000 },
      ).catch(() => undefined)
      return state
    }
    // Under cgroup v2 Docker sometimes misses the kernel's OOM event and leaves the flag false on a container
    // the kernel killed (exit 137), a known Docker flaw seen by other projects too. This test is about
    // reading the flag, so a run Docker missed is run again, up to three times in all.
    let container = await oomRun()
    let state = await exited(container)
    for (let retries = 2; retries > 0 && !state.OOMKilled && state.ExitCode === 137; retries--) {
      container = await oomRun()
      state = await exited(container)
    }
    expect(`exit code ${state.ExitCode}, OOMKilled ${state.OOMKilled}`).toBe('exit code 137, OOMKilled true')
    const [reading] = await stats().read([{ service: 'oom', containerId: container.id }])
    expect(available(reading)).toMatchObject({ running: false, oom_killed: true, uptime_seconds: null })
  })

  it('says why when a container or Docker itself cannot be read', async () => {
    const [gone] = await stats().read([{ service: 'aggr_server', containerId: 'no-such-container' }])
    expect(gone).toMatchObject({
      available: false,
      service: 'aggr_server',
      reason: expect.stringMatching(/no such container/i),
    })
    const missing = `${daemon.dir}/missing.sock`
    const away = createContainerStats({ endpoint: { socketPath: missing }, clock: manual.clock })
    expect(await away.read([{ service: 'aggr_server', containerId: 'x' }])).toEqual([
      { available: false, service: 'aggr_server', reason: `no Docker socket at ${missing}` },
    ])
  })
})
