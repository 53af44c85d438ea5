import { TimeoutError } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { describeConnectionFailure } from './describeConnectionFailure.js'

const URL = 'http://aggr-server:3000/'
const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause })
const coded = (message: string, code: string) => Object.assign(new Error(message), { code })

describe('describeConnectionFailure', () => {
  it('says the name did not resolve (ENOTFOUND, or EAI_AGAIN when no resolver answers)', () => {
    expect(
      describeConnectionFailure(fetchFailed(coded('getaddrinfo ENOTFOUND aggr-server', 'ENOTFOUND')), URL),
    ).toEqual({
      kind: 'name_not_resolved',
      host: 'aggr-server',
      port: 3000,
      message: 'aggr-server:3000: the name aggr-server did not resolve',
    })
    expect(
      describeConnectionFailure(fetchFailed(coded('getaddrinfo EAI_AGAIN aggr-server', 'EAI_AGAIN')), URL)
        .kind,
    ).toBe('name_not_resolved')
  })

  it('says the connection was refused, also inside an AggregateError of several addresses', () => {
    const both = new AggregateError([coded('connect ECONNREFUSED ::1:3000', 'ECONNREFUSED')], '')
    expect(describeConnectionFailure(fetchFailed(both), URL).message).toBe(
      'aggr-server:3000: connection refused (nothing listens on port 3000)',
    )
  })

  it('says the request timed out, for fetch’s abort, undici’s connect timeout and withTimeout', () => {
    const aborted = new DOMException('The operation was aborted due to timeout', 'TimeoutError')
    expect(describeConnectionFailure(aborted, URL, 5000).message).toBe(
      'aggr-server:3000: the request timed out after 5000 ms',
    )
    const connect = fetchFailed(coded('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'))
    expect(describeConnectionFailure(connect, URL).kind).toBe('timed_out')
    expect(describeConnectionFailure(new TimeoutError('probe timed out after 10 ms'), URL).kind).toBe(
      'timed_out',
    )
  })

  it('takes the default port of the scheme and keeps an unknown error’s innermost message', () => {
    const other = fetchFailed(new Error('unexpected end of stream'))
    expect(describeConnectionFailure(other, 'https://example.org/x')).toEqual({
      kind: 'other',
      host: 'example.org',
      port: 443,
      message: 'example.org:443: unexpected end of stream',
    })
    expect(describeConnectionFailure(coded('read ECONNRESET', 'ECONNRESET'), 'http://h/').message).toBe(
      'h:80: the connection was reset',
    )
  })
})
