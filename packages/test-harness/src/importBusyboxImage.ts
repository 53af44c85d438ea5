import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { buildBusyboxRootfs } from './buildBusyboxRootfs.js'
import { dockerRequest } from './dockerRequest.js'

/** Default tag of the harness's busybox image. */
export const BUSYBOX_IMAGE_TAG = 'squeezeflow/busybox:test'

/**
 * Default command: stays up like a real service, and exits at once on SIGTERM (a bare `sleep` as
 * PID 1 ignores SIGTERM, so every `docker stop`/restart would wait out the full grace period).
 */
const DEFAULT_CMD = ['sh', '-c', "trap 'exit 0' TERM INT; sleep 2147483647 & wait"]

function splitTag(tag: string): { repo: string; tag: string } {
  const colon = tag.lastIndexOf(':')
  return colon > tag.lastIndexOf('/')
    ? { repo: tag.slice(0, colon), tag: tag.slice(colon + 1) }
    : { repo: tag, tag: 'latest' }
}

async function imageId(socketPath: string, tag: string): Promise<string | undefined> {
  const response = await dockerRequest(socketPath, { path: `/images/${tag}/json` })
  if (response.status === 404) return undefined
  if (response.status !== 200)
    throw new Error(`docker image inspect ${tag}: ${response.status} ${response.body}`)
  return (JSON.parse(response.body) as { Id: string }).Id
}

/**
 * Imports a busybox rootfs as image `tag` through `POST /images/create?fromSrc=-` (what `docker
 * import` does), since no registry is reachable to pull one. Does nothing if `tag` exists already.
 * `workDir` is where the rootfs is built (and removed again).
 */
export async function importBusyboxImage(
  socketPath: string,
  workDir: string,
  tag = BUSYBOX_IMAGE_TAG,
): Promise<string> {
  const existing = await imageId(socketPath, tag)
  if (existing !== undefined) return existing
  const rootfs = mkdtempSync(join(workDir, 'rootfs-'))
  try {
    buildBusyboxRootfs(rootfs)
    // GNU tar keeps the applet symlinks as symlinks and lets us force root ownership.
    const tar = spawn('tar', ['-C', rootfs, '--numeric-owner', '--owner=0', '--group=0', '-c', '.'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const tarExit = new Promise<number | null>((resolve) => tar.once('close', resolve))
    const { repo, tag: version } = splitTag(tag)
    const query = new URLSearchParams({
      fromSrc: '-',
      repo,
      tag: version,
      changes: `CMD ${JSON.stringify(DEFAULT_CMD)}`,
    })
    const response = await dockerRequest(socketPath, {
      method: 'POST',
      path: `/images/create?${query}`,
      body: tar.stdout,
      contentType: 'application/x-tar',
      timeoutMs: 120_000,
    })
    const tarCode = await tarExit
    // The daemon reports import errors inside a 200 progress stream, not as an HTTP status.
    if (response.status !== 200 || response.body.includes('"error"') || tarCode !== 0) {
      throw new Error(
        `docker import of ${tag} failed (http ${response.status}, tar ${tarCode}): ${response.body}`,
      )
    }
  } finally {
    rmSync(rootfs, { recursive: true, force: true })
  }
  const id = await imageId(socketPath, tag)
  if (id === undefined) throw new Error(`docker import of ${tag} reported success but the image is missing`)
  return id
}
