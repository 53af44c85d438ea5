export { createHostProbe, type HostProbeOptions } from './createHostProbe.js'
export type { HostProbe, UsageFigures } from './types.js'
