import type { Page } from '@squeezeflow/test-harness'

/**
 * Collects what a visitor would see as broken: console errors and warnings, script errors, failed requests
 * and error responses. The `/events` stream is exempt from failing: tests and teardown cut it on purpose.
 */
export function recordPageProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('requestfailed', (request) => {
    if (!request.url().endsWith('/events')) problems.push(`failed: ${request.url()}`)
  })
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`)
  })
  return problems
}
