export {
  createProgressWatch,
  type ProgressWatch,
  type ProgressWatchOptions,
  type TaskProgress,
  type Watched,
} from './createProgressWatch.js'
export {
  createRepeatingTask,
  type RepeatingTask,
  type RepeatingTaskOptions,
} from './createRepeatingTask.js'
export { type Liveness, livenessOf } from './liveness.js'
