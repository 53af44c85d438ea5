export {
  createRepeatingTask,
  type RepeatingTask,
  type RepeatingTaskOptions,
  type TaskProgress,
} from './createRepeatingTask.js'
export { type Liveness, livenessOf } from './liveness.js'
