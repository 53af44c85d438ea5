import { errorMessage, withTimeout } from '@squeezeflow/core'
import type { AlertCondition, CheckFn } from '../types.js'

/** Figures a check shows beside its own verdict, and the alert conditions they raise. */
export interface FigurePart {
  details: Record<string, unknown>
  conditions: AlertCondition[]
}

export type FigureSource = () => Promise<FigurePart>

/**
 * The check with extra figures read at the same time as it runs, so they never make it slower than its
 * slowest part. The figures do not change the check's status: their conditions alert on their own. A
 * source that fails, or is still reading after `deadlineMs`, shows as `figures_error` instead of failing
 * the check or holding it past its timeout.
 */
export function withFigures(
  check: CheckFn,
  sources: ReadonlyArray<FigureSource | undefined>,
  deadlineMs?: number,
): CheckFn {
  const active = sources.filter((s): s is FigureSource => s !== undefined)
  if (active.length === 0) return check
  return async () => {
    const [outcome, ...parts] = await Promise.all([
      check(),
      ...active.map((source) =>
        (deadlineMs === undefined ? source() : withTimeout(source(), deadlineMs, 'figures')).catch(
          (error): FigurePart => ({ details: { figures_error: errorMessage(error) }, conditions: [] }),
        ),
      ),
    ])
    return {
      ...outcome,
      details: Object.assign({}, outcome.details, ...parts.map((p) => p.details)),
      conditions: [...(outcome.conditions ?? []), ...parts.flatMap((p) => p.conditions)],
    }
  }
}
