import { errorMessage } from '@squeezeflow/core'
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
 * source that fails shows as `figures_error` instead of failing the check.
 */
export function withFigures(check: CheckFn, sources: ReadonlyArray<FigureSource | undefined>): CheckFn {
  const active = sources.filter((s): s is FigureSource => s !== undefined)
  if (active.length === 0) return check
  return async () => {
    const [outcome, ...parts] = await Promise.all([
      check(),
      ...active.map((source) =>
        source().catch(
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
