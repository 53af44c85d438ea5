import { errorMessage } from '../errorMessage.js'

/** Where an active alert rule came from, as `/status` lists it. */
export type RuleOrigin = 'default' | 'file' | 'code' | 'redis'

/** A rule stored in Redis that a monitor refused, with the reason (shown in `/status`, logged once). */
export interface RejectedRule {
  name: string
  reason: string
}

export interface RuntimeRulePlan<R> {
  /** Rules to add or replace, keyed by name, validated. */
  upsert: Array<{ name: string; rule: R; text: string }>
  /** Names of rules that were applied from Redis before and are gone (or now invalid). */
  remove: string[]
  /** Every stored rule this monitor refuses, whether seen before or not. */
  rejected: RejectedRule[]
}

export interface ReconcileInput<R> {
  /** What the monitor applied from Redis last time: rule name → the JSON text it was applied from. */
  applied: ReadonlyMap<string, string>
  /** The hash as read now: rule name → JSON text. */
  stored: Readonly<Record<string, string>>
  /**
   * Turns a stored rule into the monitor's rule. Returns undefined for a rule meant for the other monitor
   * (its `scope`), so it is neither applied nor rejected here; throws (naming the field) when it is invalid.
   */
  accept: (raw: Record<string, unknown>, name: string) => R | undefined
  /** At most this many rules from Redis are applied (MAX_CUSTOM_ALERT_RULES); the rest are rejected. */
  limit: number
}

/**
 * Decides what changes when the runtime rules in Redis are read again: which to apply (new or changed
 * text), which to drop (removed from Redis), which to refuse. Pure: the caller reads the hash and applies
 * the plan, so a monitor picks up changes within one cycle without a restart. Rules are taken in name
 * order, so which ones fall over the limit does not depend on Redis's hash order.
 */
export function reconcileRuntimeRules<R>({
  applied,
  stored,
  accept,
  limit,
}: ReconcileInput<R>): RuntimeRulePlan<R> {
  const plan: RuntimeRulePlan<R> = { upsert: [], remove: [], rejected: [] }
  const kept = new Set<string>()
  for (const name of Object.keys(stored).sort()) {
    const text = stored[name] as string
    let rule: R | undefined
    try {
      const raw: unknown = JSON.parse(text)
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('not a JSON object')
      rule = accept(raw as Record<string, unknown>, name)
    } catch (err) {
      plan.rejected.push({ name, reason: errorMessage(err) })
      continue
    }
    if (rule === undefined) continue
    if (kept.size >= limit) {
      plan.rejected.push({ name, reason: `over the limit of ${limit} custom alert rules` })
      continue
    }
    kept.add(name)
    if (applied.get(name) !== text) plan.upsert.push({ name, rule, text })
  }
  for (const name of applied.keys()) if (!kept.has(name)) plan.remove.push(name)
  return plan
}
