import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { type Browser, chromium } from 'playwright-core'

export type { Browser, BrowserContext, ConsoleMessage, Page } from 'playwright-core'

export interface LaunchChromiumOptions {
  /** Default: `CHROMIUM_PATH`, else `chromium` or `chromium-browser` from PATH (Debian's `chromium` package). */
  readonly executablePath?: string
}

function findOnPath(names: readonly string[]): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      const candidate = join(dir, name)
      try {
        accessSync(candidate, constants.X_OK)
        return candidate
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return undefined
}

/**
 * Launches the system's headless Chromium through playwright-core, which never downloads a browser. Each
 * launch gets its own temporary profile (Playwright's), removed by `browser.close()`; Playwright also kills
 * the browser if the test process exits first.
 */
export async function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const executablePath =
    options.executablePath ?? process.env.CHROMIUM_PATH ?? findOnPath(['chromium', 'chromium-browser'])
  if (!executablePath) {
    throw new Error(
      'chromium not found on PATH: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    )
  }
  return chromium.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespace for the sandbox; /dev/shm there is often tiny.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu', '--no-first-run'],
  })
}
