import { execFile } from 'node:child_process'

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv
  readonly cwd?: string
  /** Kill the command (SIGTERM) after this many milliseconds. Default 120 000. */
  readonly timeoutMs?: number
}

export interface RunResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs a command without a shell and resolves with its exit code and output; never rejects for a failed command. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const { env, cwd, timeoutMs = 120_000 } = options
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1
        const killed = error?.killed ? `\n(killed after ${timeoutMs} ms)` : ''
        const spawnError = error !== null && typeof error.code === 'string' ? `\n${error.message}` : ''
        resolve({ code, stdout, stderr: stderr + killed + spawnError })
      },
    )
  })
}

/** Like run, but rejects when the command fails, with its last lines of output in the message. */
export async function mustRun(
  command: string,
  args: readonly string[],
  options: RunOptions = {},
): Promise<string> {
  const result = await run(command, args, options)
  if (result.code !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n')
    throw new Error(`${command} ${args.join(' ')} exited ${result.code}:\n${tail}`)
  }
  return result.stdout
}
