/** A bad configuration value. Its message is the one line printed before start-up stops. */
export class ConfigError extends Error {
  override name = 'ConfigError'

  constructor(
    readonly variable: string,
    readonly accepts: string,
    readonly received: string,
  ) {
    super(`invalid ${variable}=${JSON.stringify(received)}: expected ${accepts}`)
  }
}
