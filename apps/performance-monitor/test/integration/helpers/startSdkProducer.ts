import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('../fixtures/sdkProducer.ts', import.meta.url))
const APP_DIR = fileURLToPath(new URL('../../..', import.meta.url))

export interface SdkProducer {
  /** Sends one command and resolves with its JSON answer. */
  send(command: string): Promise<Record<string, unknown>>
  /** Flushes, closes the SDK and waits for the process to exit. */
  close(): Promise<void>
}

/** Starts fixtures/sdkProducer.ts in its own Node process (tsx, workspace sources). */
export function startSdkProducer(redis: { host: string; port: number }, prefix: string): SdkProducer {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', SCRIPT, redis.host, String(redis.port), prefix],
    { cwd: APP_DIR, stdio: 'pipe' },
  )
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const answers: Array<(line: string) => void> = []
  createInterface({ input: child.stdout }).on('line', (line) => answers.shift()?.(line))
  const exited = once(child, 'exit')
  return {
    send(command) {
      return new Promise((resolve, reject) => {
        if (child.exitCode !== null) return reject(new Error(`sdk producer exited: ${stderr}`))
        answers.push((line) => resolve(JSON.parse(line) as Record<string, unknown>))
        child.stdin.write(`${command}\n`)
      })
    },
    async close() {
      if (child.exitCode !== null) return
      child.stdin.write('close\n')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
}
