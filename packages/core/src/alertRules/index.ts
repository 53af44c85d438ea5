export {
  type ReconcileInput,
  type RejectedRule,
  type RuleOrigin,
  type RuntimeRulePlan,
  reconcileRuntimeRules,
} from './reconcileRuntimeRules.js'
