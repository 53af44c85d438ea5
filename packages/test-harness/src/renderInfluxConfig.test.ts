import { describe, expect, it } from 'vitest'
import { renderInfluxConfig } from './renderInfluxConfig.js'

describe('renderInfluxConfig', () => {
  const config = renderInfluxConfig({
    dir: '/tmp/sqfi-abc',
    host: '127.0.0.1',
    httpPort: 40001,
    rpcPort: 40002,
  })

  it('binds both listeners to the given loopback ports', () => {
    expect(config).toMatch(/^bind-address = "127\.0\.0\.1:40002"$/m)
    expect(config).toMatch(/\[http\][^[]*bind-address = "127\.0\.0\.1:40001"/)
  })

  it('keeps all state in the temp dir', () => {
    expect(config).toContain('dir = "/tmp/sqfi-abc/meta"')
    expect(config).toContain('dir = "/tmp/sqfi-abc/data"')
    expect(config).toContain('wal-dir = "/tmp/sqfi-abc/wal"')
  })

  it('turns off reporting, the _internal monitor and auth', () => {
    expect(config).toMatch(/^reporting-disabled = true$/m)
    expect(config).toMatch(/\[monitor\]\s+store-enabled = false/)
    expect(config).toContain('auth-enabled = false')
  })
})
