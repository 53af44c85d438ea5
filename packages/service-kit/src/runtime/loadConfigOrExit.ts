import { ConfigError } from '@squeezeflow/core'

/**
 * Runs the config loader; a ConfigError ends the process with its one line on stderr and exit code 1,
 * before anything else has started.
 */
export function loadConfigOrExit<T>(load: () => T, serviceName: string): T {
  try {
    return load()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${serviceName}: ${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
}
