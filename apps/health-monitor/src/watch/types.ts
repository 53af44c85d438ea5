/** What an adapter returns when it could not measure: never an exception, always the reason. */
export interface Unavailable {
  available: false
  reason: string
}
