import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

const APPS = ['health-monitor', 'performance-monitor'] as const

function startWith(app: string, env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--conditions=source', `apps/${app}/src/main.ts`], {
    env: { ...process.env, ...env, LOG_LEVEL: env.LOG_LEVEL ?? 'ERROR' },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

describe.each(APPS)('%s start-up with a bad environment value', (app) => {
  it.each([
    ['HEALTH_CHECK_INTERVAL', 'abc', 'expected an integer from 1 to 86400'],
    ['REDIS_PORT', '70000', 'expected an integer from 1 to 65535'],
    [
      'LOG_LEVEL',
      'LOUD',
      'expected one of DEBUG, INFO, WARNING, ERROR, CRITICAL (any case; WARN and FATAL as aliases)',
    ],
    ['DASHBOARD_UPDATE_INTERVAL', '-5', 'expected an integer from 1 to 86400'],
  ])('stops on %s=%s with exit code 1 and one line naming it', (name, value, accepts) => {
    const result = startWith(app, { [name]: value })
    expect(result.status).toBe(1)
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toBe(`${app}: invalid ${name}="${value}": ${accepts}`)
    expect(result.stdout).toBe('')
  })
})

// Alertmanager delivery's variables, for the apps that deliver through @squeezeflow/alerting.
describe.each(['health-monitor'])('%s start-up with a bad Alertmanager value', (app) => {
  it('stops on ALERTMANAGER_URL=not-a-url with exit code 1 and one line naming it', () => {
    const result = startWith(app, { ALERTMANAGER_URL: 'not-a-url' })
    expect(result.status).toBe(1)
    expect(result.stderr.trim().split('\n')).toEqual([
      `${app}: invalid ALERTMANAGER_URL="not-a-url": expected comma-separated http:// or https:// URLs`,
    ])
    expect(result.stdout).toBe('')
  })
})
