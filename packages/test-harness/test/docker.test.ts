import { existsSync } from 'node:fs'
import Docker from 'dockerode'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BUSYBOX_IMAGE_TAG, type DockerDaemon, HarnessStartError, startDockerd } from '../src/index.js'
import { findPidsReferencing } from '../src/procfs.js'

describe('startDockerd', () => {
  let daemon: DockerDaemon
  let docker: Docker

  beforeAll(async () => {
    daemon = await startDockerd()
    docker = new Docker({ socketPath: daemon.socketPath })
  })

  afterAll(async () => {
    await daemon?.stop()
  })

  it('answers on its private socket, not the host one', async () => {
    expect(daemon.socketPath).not.toBe('/var/run/docker.sock')
    expect(daemon.socketPath.length).toBeLessThan(60)
    expect(daemon.dockerHost).toBe(`unix://${daemon.socketPath}`)
    const info = await docker.info()
    expect(info.Driver).toBe(daemon.storageDriver)
    expect(info.DockerRootDir).toBe(`${daemon.dir}/data`)
  })

  it('imports the busybox image once', async () => {
    const id = await daemon.importBusyboxImage()
    expect(id).toMatch(/^sha256:/)
    expect(await daemon.importBusyboxImage(BUSYBOX_IMAGE_TAG)).toBe(id)
    const image = await docker.getImage(BUSYBOX_IMAGE_TAG).inspect()
    expect(image.Config.Cmd?.[0]).toBe('sh')
  })

  it('runs a labelled container and restarts it through the Engine API', async () => {
    await daemon.importBusyboxImage()
    const container = await docker.createContainer({
      Image: BUSYBOX_IMAGE_TAG,
      Cmd: ['sleep', '3600'],
      Labels: { 'com.docker.compose.service': 'aggr-server' },
      HostConfig: { NetworkMode: 'none' },
    })
    await container.start()
    const before = await container.inspect()
    expect(before.State.Running).toBe(true)
    expect(before.Config.Labels['com.docker.compose.service']).toBe('aggr-server')

    await container.restart({ t: 1 })
    const after = await container.inspect()
    expect(after.State.Running).toBe(true)
    expect(after.State.StartedAt).not.toBe(before.State.StartedAt)
    expect(Date.parse(after.State.StartedAt)).toBeGreaterThan(Date.parse(before.State.StartedAt))

    const found = await docker.listContainers({
      filters: { label: ['com.docker.compose.service=aggr-server'] },
    })
    expect(found.map((c) => c.Id)).toEqual([container.id])
  })

  it('stop() removes the socket, the dir and every process of this daemon', async () => {
    const other = await startDockerd()
    const id = await other.importBusyboxImage()
    expect(id).toMatch(/^sha256:/)
    const otherDocker = new Docker({ socketPath: other.socketPath })
    const container = await otherDocker.createContainer({
      Image: BUSYBOX_IMAGE_TAG,
      HostConfig: { NetworkMode: 'none' },
    })
    await container.start()
    expect(findPidsReferencing(other.dir).length).toBeGreaterThan(1)

    await other.stop()
    await other.stop()
    expect(existsSync(other.socketPath)).toBe(false)
    expect(existsSync(other.dir)).toBe(false)
    expect(findPidsReferencing(other.dir)).toEqual([])
    // The first daemon is untouched by stopping the second.
    expect(await docker.ping()).toBeTruthy()
  })

  it('fails to start with the tail of the dockerd log in the error, leaving nothing behind', async () => {
    const error = await startDockerd({ storageDriver: 'no-such-driver' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HarnessStartError)
    const startError = error as HarnessStartError
    expect(startError.logTail).toMatch(/no-such-driver/)
    const dir = startError.logPath.slice(0, startError.logPath.lastIndexOf('/'))
    expect(existsSync(dir)).toBe(false)
    expect(findPidsReferencing(dir)).toEqual([])
  })
})
