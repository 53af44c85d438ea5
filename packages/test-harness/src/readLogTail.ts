import { readFileSync } from 'node:fs'

/** The last `lines` lines of a log file, or a note saying why there are none. */
export function readLogTail(logPath: string, lines = 20): string {
  let text: string
  try {
    text = readFileSync(logPath, 'utf8')
  } catch (error) {
    return `(log unreadable: ${error instanceof Error ? error.message : String(error)})`
  }
  const all = text.split('\n')
  if (all.at(-1) === '') all.pop()
  return all.length === 0 ? '(log empty)' : all.slice(-lines).join('\n')
}
