const cell = new Int32Array(new SharedArrayBuffer(4))

/**
 * Blocks the thread for `ms` milliseconds. Only for the exit-time cleanup path, where a process
 * 'exit' handler cannot await anything but still has to wait for killed processes to go away.
 */
export function sleepSync(ms: number): void {
  Atomics.wait(cell, 0, 0, ms)
}
