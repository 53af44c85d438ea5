import { getHeapStatistics } from 'node:v8'
import type { Collector } from './types.js'

const MB = 1024 * 1024

/** V8 heap statistics of this process (ENABLE_MEMORY_TRACKING). */
export function createHeapCollector(read: typeof getHeapStatistics = getHeapStatistics): Collector {
  return {
    name: 'heap',
    async collect() {
      const h = read()
      return [
        { metric_name: 'process_heap_used_mb', value: h.used_heap_size / MB, unit: 'MB' },
        { metric_name: 'process_heap_total_mb', value: h.total_heap_size / MB, unit: 'MB' },
        { metric_name: 'process_heap_limit_mb', value: h.heap_size_limit / MB, unit: 'MB' },
        {
          metric_name: 'process_heap_used_percent',
          value: (h.used_heap_size / h.heap_size_limit) * 100,
          unit: 'percent',
        },
        { metric_name: 'process_external_memory_mb', value: h.external_memory / MB, unit: 'MB' },
        { metric_name: 'process_malloced_memory_mb', value: h.malloced_memory / MB, unit: 'MB' },
      ]
    },
  }
}
