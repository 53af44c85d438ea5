import { describe, expect, it } from 'vitest'
import { dockerErrorReason, isDockerUnreachable } from './dockerErrorReason.js'

const err = (fields: Record<string, unknown>) =>
  Object.assign(new Error(String(fields.message ?? 'x')), fields)

describe('dockerErrorReason', () => {
  it('names missing sockets, missing permissions and refused connections', () => {
    expect(dockerErrorReason(err({ code: 'ENOENT' }), '/var/run/docker.sock')).toBe(
      'no Docker socket at /var/run/docker.sock',
    )
    expect(dockerErrorReason(err({ code: 'EACCES' }), '/var/run/docker.sock')).toBe(
      'permission denied on /var/run/docker.sock',
    )
    expect(dockerErrorReason(err({ code: 'ECONNREFUSED' }), 'http://proxy:2375')).toBe(
      'connection refused by http://proxy:2375',
    )
    expect(isDockerUnreachable(err({ code: 'EACCES' }))).toBe(true)
  })

  it('explains a socket proxy that forbids a call', () => {
    expect(dockerErrorReason(err({ statusCode: 403 }), 'http://proxy:2375')).toMatch(
      /^forbidden by http:\/\/proxy:2375: the socket proxy must allow/,
    )
  })

  it('falls back to the message of anything else', () => {
    expect(dockerErrorReason(err({ statusCode: 500, message: 'boom' }), '/s')).toBe('docker at /s: boom')
    expect(isDockerUnreachable(err({ statusCode: 500 }))).toBe(false)
  })
})
