import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Creates a private directory directly under /tmp, not os.tmpdir(): TMPDIR may be long, and unix
 * socket paths inside it (dockerd's, containerd's) must stay under the 108-byte sun_path limit.
 */
export function createTempDir(prefix: string): string {
  return mkdtempSync(join('/tmp', `${prefix}-`))
}
