/** A server did not become ready; `logTail` holds the last lines of its log file. */
export class HarnessStartError extends Error {
  override readonly name = 'HarnessStartError'

  constructor(
    message: string,
    readonly logPath: string,
    readonly logTail: string,
    options?: { cause?: unknown },
  ) {
    super(`${message}\n--- last lines of ${logPath} ---\n${logTail}`, options)
  }
}

/** `waitFor` gave up. */
export class HarnessTimeoutError extends Error {
  override readonly name = 'HarnessTimeoutError'
}
