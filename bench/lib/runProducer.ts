import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** One phase the producer reports: points recorded through the SDK and what the SDK dropped. */
export interface ProducerLine {
  phase: string
  recorded: number
  dropped: number
}

/**
 * Runs bench/lib/ingestProducer.ts as its own process (RATE, SECONDS, METRICS, WARM, REDIS_PORT in `env`)
 * and resolves with the lines it printed once it exits.
 */
export function runProducer(env: Record<string, string>): Promise<ProducerLine[]> {
  const script = fileURLToPath(new URL('./ingestProducer.ts', import.meta.url))
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
  })
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`producer exited with ${code}`))
      else
        resolve(
          out
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as ProducerLine),
        )
    })
  })
}
