/**
 * Why a point was not recorded. `isLimit` marks a bound (cardinality, number of metrics) being reached: that
 * depends on runtime data, so it never throws, whatever `onInvalid` says.
 */
export class Rejection {
  constructor(
    readonly reason: string,
    readonly isLimit = false,
  ) {}
}
