import { describe, expect, it } from 'vitest'
import { dockerConnection } from './dockerConnection.js'

describe('dockerConnection', () => {
  it('uses the socket path when DOCKER_HOST is unset', () => {
    expect(dockerConnection({ socketPath: '/var/run/docker.sock' })).toEqual({
      options: { socketPath: '/var/run/docker.sock' },
      where: '/var/run/docker.sock',
    })
  })

  it('reads unix://, tcp:// (a socket proxy) and https:// DOCKER_HOST values', () => {
    const socketPath = '/ignored'
    expect(dockerConnection({ host: 'unix:///tmp/d.sock', socketPath }).options).toEqual({
      socketPath: '/tmp/d.sock',
    })
    expect(dockerConnection({ host: 'tcp://docker-proxy:2375', socketPath })).toEqual({
      options: { protocol: 'http', host: 'docker-proxy', port: 2375 },
      where: 'http://docker-proxy:2375',
    })
    expect(dockerConnection({ host: 'tcp://docker-proxy', socketPath }).options.port).toBe(2375)
    expect(dockerConnection({ host: 'https://docker.example', socketPath }).options).toEqual({
      protocol: 'https',
      host: 'docker.example',
      port: 2376,
    })
  })

  it('rejects other schemes', () => {
    expect(() => dockerConnection({ host: 'ssh://me@host', socketPath: '/x' })).toThrow(TypeError)
  })
})
