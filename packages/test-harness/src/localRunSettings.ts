import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** scripts/lib/local_node_flags, which `start_monitoring.sh --local` reads with awk. */
export const LOCAL_RUN_SETTINGS_FILE = fileURLToPath(
  new URL('../../../scripts/lib/local_node_flags', import.meta.url),
)

export interface LocalRunSettings {
  /** The Node flags of one monitor (its line of the file), in order. */
  nodeFlags(app: 'health-monitor' | 'performance-monitor'): string[]
  /** The variables both monitors get (the `environment` line), as the Dockerfile's ENV sets them. */
  environment: Record<string, string>
}

/**
 * What a monitor run outside its container needs to match it (the file says why), for the benches and the test
 * that holds the file to docker-compose.yml and the Dockerfile. Throws naming a line the file lacks.
 */
export function readLocalRunSettings(file = LOCAL_RUN_SETTINGS_FILE): LocalRunSettings {
  const lines = readFileSync(file, 'utf8').split('\n')
  const wordsAfter = (key: string) => {
    const line = lines.find((l) => l.split(' ')[0] === key)
    if (line === undefined) throw new Error(`${file} has no line for ${key}`)
    return line
      .split(' ')
      .slice(1)
      .filter((word) => word !== '')
  }
  const environment = Object.fromEntries(
    wordsAfter('environment').map((assignment) => {
      const eq = assignment.indexOf('=')
      return [assignment.slice(0, eq), assignment.slice(eq + 1)]
    }),
  )
  return { nodeFlags: wordsAfter, environment }
}
