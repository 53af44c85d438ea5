import { HarnessStartError } from './errors.js'

/** Whether a start failed because another process took the port between getFreePort and bind. */
export function isAddressInUse(error: unknown): boolean {
  return error instanceof HarnessStartError && /address already in use/i.test(error.logTail)
}
