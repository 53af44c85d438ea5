export { createHostProbe } from './createHostProbe.js'
export type { HostProbe, UsageFigures } from './types.js'
