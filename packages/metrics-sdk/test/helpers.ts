import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { decodeIngestEntryPoints, type MetricPoint } from '@squeezeflow/core'
import { createLogger } from '@squeezeflow/service-kit/logger'
import { createClient } from 'redis'
import { PerformanceMonitor, type PerformanceMonitorOptions } from '../src/index.js'

export const STREAM = 'squeezeflow:ingest:metrics'
export type TestClient = ReturnType<typeof createClient>

export async function connect(port: number): Promise<TestClient> {
  const client = createClient({ socket: { host: '127.0.0.1', port, reconnectStrategy: false } })
  await client.connect()
  return client
}

const quietLogger = createLogger({ service: 'test', level: 'ERROR', json: true })

/** An in-process monitor on the given server, with a quiet logger; close it with `await using`. */
export function createMonitor(
  redis: { host: string; port: number },
  options: Partial<PerformanceMonitorOptions> = {},
): PerformanceMonitor {
  const address = { host: redis.host, port: redis.port }
  return new PerformanceMonitor({ service: 'svc', redis: address, logger: quietLogger, ...options })
}

/** Records `count` points of `name` with values from..from+count-1. */
export function recordSequence(perf: PerformanceMonitor, count: number, name = 'seq', from = 0): void {
  for (let i = from; i < from + count; i++) perf.recordMetric({ metricName: name, value: i, unit: 'count' })
}

/** Every point in the ingest stream, oldest first, decoded with core's decoder (what performance-monitor uses). */
export async function readStream(client: TestClient, key = STREAM): Promise<MetricPoint[]> {
  const entries = await client.xRange(key, '-', '+')
  return entries.flatMap((entry) => decodeIngestEntryPoints(entry.message).points)
}

export interface RecordingService {
  readonly child: ChildProcessWithoutNullStreams
  /** Every `progress` line so far, parsed. */
  readonly progress: Array<Record<string, unknown>>
  readonly stderr: () => string
  /** Resolves at exit with the code and the parsed `result` line. */
  readonly exited: Promise<{ code: number | null; result: Record<string, unknown> | undefined }>
}

/** Runs test/fixtures/recordingService.ts as a separate Node process, the way a real service would run. */
export function spawnRecordingService(env: Record<string, string>): RecordingService {
  const script = fileURLToPath(new URL('./fixtures/recordingService.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: { ...process.env, ...env },
  })
  const progress: Array<Record<string, unknown>> = []
  let result: Record<string, unknown> | undefined
  let stderr = ''
  let pending = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) {
      if (line.startsWith('progress ')) progress.push(JSON.parse(line.slice('progress '.length)))
      if (line.startsWith('result ')) result = JSON.parse(line.slice('result '.length))
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = new Promise<{ code: number | null; result: Record<string, unknown> | undefined }>(
    (resolve) => {
      child.on('close', (code) => resolve({ code, result }))
    },
  )
  return { child, progress, stderr: () => stderr, exited }
}
