import { describe, expect, it } from 'vitest'
import { parseLogLevel } from './logLevel.js'

describe('parseLogLevel', () => {
  it('accepts every level in any case', () => {
    expect(parseLogLevel('info')).toBe('INFO')
    expect(parseLogLevel('Warning')).toBe('WARNING')
    expect(parseLogLevel('DEBUG')).toBe('DEBUG')
  })

  it("takes Python logging's aliases", () => {
    expect(parseLogLevel('WARN')).toBe('WARNING')
    expect(parseLogLevel('warn')).toBe('WARNING')
    expect(parseLogLevel('FATAL')).toBe('CRITICAL')
  })

  it('refuses anything else', () => {
    expect(parseLogLevel('verbose')).toBeUndefined()
    expect(parseLogLevel('')).toBeUndefined()
  })
})
