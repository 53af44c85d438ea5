import { describe, expect, it } from 'vitest'
import { infoNumber, parseRedisInfo } from './parseRedisInfo.js'

describe('parseRedisInfo', () => {
  it('reads key:value lines and skips section headers', () => {
    const info = parseRedisInfo(
      '# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:42\r\n\r\n# Memory\r\nused_memory:1048576\r\nused_memory_human:1.00M\r\n',
    )
    expect(info.get('redis_version')).toBe('7.0.15')
    expect(infoNumber(info, 'used_memory')).toBe(1048576)
    expect(infoNumber(info, 'used_memory_human')).toBeUndefined()
    expect(infoNumber(info, 'missing')).toBeUndefined()
  })
})
