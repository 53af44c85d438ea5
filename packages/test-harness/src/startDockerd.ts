import { existsSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { cleanupDockerLeftovers } from './cleanupDockerLeftovers.js'
import { createTempDir } from './createTempDir.js'
import { dockerdArgs } from './dockerdArgs.js'
import { dockerRequest } from './dockerRequest.js'
import { BUSYBOX_IMAGE_TAG, importBusyboxImage } from './importBusyboxImage.js'
import { registerExitCleanup } from './registerExitCleanup.js'
import { removeAllContainers } from './removeAllContainers.js'
import { type ReadyProcess, spawnUntilReady } from './spawnUntilReady.js'
import type { DockerDaemon } from './types.js'

export interface StartDockerdOptions {
  /** Binary to run. Default 'dockerd' from PATH. */
  readonly command?: string
  /**
   * Default 'vfs'. It works on any backing filesystem (overlay2 fails when /tmp itself is on
   * overlayfs, as in many CI containers), and it mounts nothing per layer, so a crashed daemon
   * leaves no layer mounts that block removing its dir. The price is a full copy of the image per
   * container: with the 2 MB busybox image about 0.7 s to create and start one, against 0.3 s with
   * 'overlay2' (which also works here, /tmp being ext4) — pass 'overlay2' if a test needs speed.
   */
  readonly storageDriver?: string
  /**
   * Run docker-proxy so that published ports (`-p 127.0.0.1:X:Y`) answer on the host. Default false: most
   * tests publish nothing, and no proxy processes means less to clean up.
   */
  readonly userlandProxy?: boolean
  /** Default 60 000 ms. */
  readonly startTimeoutMs?: number
}

const isPingOk = async (socketPath: string): Promise<boolean> => {
  const res = await dockerRequest(socketPath, { path: '/_ping', timeoutMs: 2000 })
  return res.status === 200 && res.body === 'OK'
}

/** Starts a private dockerd with its own socket, data-root, exec-root and containerd; see DockerDaemon. */
export async function startDockerd(options: StartDockerdOptions = {}): Promise<DockerDaemon> {
  const {
    command = 'dockerd',
    storageDriver = 'vfs',
    userlandProxy = false,
    startTimeoutMs = 60_000,
  } = options
  // Short prefix: containerd's socket ends up at <dir>/exec/containerd/containerd.sock (108-byte limit).
  const dir = createTempDir('sqfd')
  const cgroupName = basename(dir)
  const socketPath = join(dir, 'docker.sock')
  const configPath = join(dir, 'daemon.json')
  const logPath = join(dir, 'dockerd.log')
  writeFileSync(configPath, '{}\n')
  const unregister = registerExitCleanup(() => cleanupDockerLeftovers(dir, cgroupName))
  const args = dockerdArgs({ dir, socketPath, configPath, storageDriver, cgroupName, userlandProxy })
  let ready: ReadyProcess
  try {
    ready = await spawnUntilReady({
      name: 'dockerd',
      command,
      args,
      cwd: dir,
      logPath,
      probe: () => isPingOk(socketPath),
      startTimeoutMs,
    })
  } catch (error) {
    cleanupDockerLeftovers(dir, cgroupName)
    unregister()
    throw error
  }
  const { proc, startMs } = ready

  let stopping: Promise<void> | undefined
  const stop = async (): Promise<void> => {
    if (proc.isRunning()) {
      try {
        await removeAllContainers(socketPath)
      } catch {
        // Daemon unresponsive: its containers are killed through the cgroup below instead.
      }
      await proc.terminate(20_000)
    }
    // Synchronous (it also serves the exit handler); after a graceful stop it finds nothing to wait for.
    const left = cleanupDockerLeftovers(dir, cgroupName)
    unregister()
    if (!left.dirRemoved || existsSync(dir)) {
      throw new Error(
        `dockerd in ${dir} left mounts ${left.mounts.join(', ')} / pids ${left.pids.join(', ')}`,
      )
    }
  }

  const images = new Map<string, Promise<string>>()
  return {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    dir,
    logPath,
    storageDriver,
    startMs,
    stop() {
      stopping ??= stop()
      return stopping
    },
    importBusyboxImage(tag = BUSYBOX_IMAGE_TAG) {
      let pending = images.get(tag)
      if (pending === undefined) {
        pending = importBusyboxImage(socketPath, dir, tag)
        // A failed import may be retried; a successful one is reused.
        pending.catch(() => images.delete(tag))
        images.set(tag, pending)
      }
      return pending
    },
  }
}
