import { type WaitForOptions, waitFor } from '@squeezeflow/test-harness'

/** waitFor, typed for predicates that answer undefined until they have their value. */
export async function waitForValue<T>(
  predicate: () => T | undefined | Promise<T | undefined>,
  options?: WaitForOptions,
): Promise<NonNullable<T>> {
  return (await waitFor(predicate, options)) as NonNullable<T>
}
