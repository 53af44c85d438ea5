type Cleanup = () => void

const cleanups = new Set<Cleanup>()
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP']
let installed = false

function runAll(): void {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup)
    try {
      cleanup()
    } catch {
      // Last-chance cleanup while the process dies: there is no one left to report to, and one
      // failing cleanup must not keep the others from running.
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  runAll()
  for (const s of SIGNALS) process.removeListener(s, onSignal)
  // Node only skips its default "terminate on signal" because we listen; if nobody else does,
  // re-raise so the process still dies the way the sender intended.
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal)
}

function install(): void {
  if (installed) return
  installed = true
  // 'exit' handlers must be synchronous: this is why every cleanup registered here is, too.
  process.on('exit', runAll)
  for (const signal of SIGNALS) process.once(signal, onSignal)
}

/**
 * Runs `cleanup` (synchronously) if the process exits or is signalled while it is still registered,
 * so servers a test started do not outlive a crashed or aborted test run. Returns the unregister
 * function, to be called once the server was stopped normally.
 */
export function registerExitCleanup(cleanup: Cleanup): () => void {
  install()
  cleanups.add(cleanup)
  return () => {
    cleanups.delete(cleanup)
  }
}
