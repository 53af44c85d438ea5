/** The message of anything thrown, for results and logs that must say why. */
export function errorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return errorMessage(err.errors[0])
  if (err instanceof Error) return err.message || err.name
  return String(err)
}
