export { createMetricsRegistry } from './createMetricsRegistry.js'
