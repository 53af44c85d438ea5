import { readdirSync, readFileSync } from 'node:fs'

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8')
  } catch {
    // The process exited while we looked: treat as gone.
    return undefined
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => pid !== process.pid)
}

/** Command line of `pid` with arguments joined by spaces, or undefined if it is gone. */
export function readCmdline(pid: number): string | undefined {
  return readProc(pid, 'cmdline')?.replaceAll('\0', ' ').trim()
}

/**
 * PIDs whose command line mentions a path inside `dir`. The harness's temp dirs are unique
 * (mkdtemp), so this finds exactly the dockerd, containerd and shims that belong to one daemon,
 * and never another test's or the host's.
 */
export function findPidsReferencing(dir: string): number[] {
  const needle = `${dir}/`
  return allPids().filter((pid) => readCmdline(pid)?.includes(needle) === true)
}

/** Whether `pid` is still alive; a zombie (exited, not yet reaped) counts as gone. */
export function isAlive(pid: number): boolean {
  const stat = readProc(pid, 'stat')
  if (stat === undefined) return false
  // Field 3 follows the parenthesised command name, which may itself contain spaces or ')'.
  const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
  return state !== 'Z' && state !== 'X'
}

/** Sends SIGKILL to each PID, ignoring those that are already gone. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // ESRCH: it died on its own meanwhile, which is what we wanted.
    }
  }
}
