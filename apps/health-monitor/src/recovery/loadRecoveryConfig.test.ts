import { ConfigError } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { loadRecoveryConfig } from './loadRecoveryConfig.js'

describe('loadRecoveryConfig', () => {
  it('has the documented defaults', () => {
    expect(loadRecoveryConfig({})).toEqual({
      enabled: true,
      services: ['aggr_server', 'strategy_runner'],
      budget: 3,
      windowSeconds: 3600,
      verifyGraceSeconds: 120,
      stopTimeoutSeconds: 10,
      leaseSeconds: 90,
      sustainSeconds: { aggr_server: 0, strategy_runner: 300 },
      docker: { host: undefined, socketPath: '/var/run/docker.sock' },
      containers: {
        aggr_server: { composeService: 'aggr-server', composeProject: undefined, containerName: undefined },
        strategy_runner: {
          composeService: 'strategy-runner',
          composeProject: undefined,
          containerName: undefined,
        },
      },
    })
  })

  it('reads every variable', () => {
    const config = loadRecoveryConfig({
      AUTO_RESTART_ENABLED: 'false',
      AUTO_RESTART_SERVICES: 'aggr_server',
      RESTART_BUDGET: '5',
      RESTART_WINDOW_SECONDS: '60',
      RESTART_VERIFY_GRACE_SECONDS: '5',
      RESTART_STOP_TIMEOUT_SECONDS: '0',
      STRATEGY_RUNNER_RESTART_AFTER_SECONDS: '30',
      RECOVERY_LEASE_SECONDS: '15',
      DOCKER_HOST: 'tcp://docker-proxy:2375',
      COMPOSE_PROJECT: 'squeezeflow',
      AGGR_SERVER_CONTAINER: 'aggr-server',
      STRATEGY_RUNNER_COMPOSE_SERVICE: 'runner',
    })
    expect(config).toMatchObject({
      enabled: false,
      services: ['aggr_server'],
      budget: 5,
      windowSeconds: 60,
      verifyGraceSeconds: 5,
      stopTimeoutSeconds: 0,
      leaseSeconds: 15,
      sustainSeconds: { strategy_runner: 30 },
      docker: { host: 'tcp://docker-proxy:2375' },
      containers: {
        aggr_server: { containerName: 'aggr-server', composeProject: 'squeezeflow' },
        strategy_runner: { composeService: 'runner', composeProject: 'squeezeflow' },
      },
    })
  })

  it.each([
    ['AUTO_RESTART_ENABLED', 'maybe'],
    ['AUTO_RESTART_SERVICES', 'aggr_server,redis'],
    ['RESTART_BUDGET', '0'],
    ['RESTART_WINDOW_SECONDS', '1h'],
    ['RESTART_VERIFY_GRACE_SECONDS', '-1'],
    ['RECOVERY_LEASE_SECONDS', '1'],
    ['DOCKER_HOST', 'docker-proxy:2375'],
    ['DOCKER_SOCKET_PATH', 'docker.sock'],
    ['AGGR_SERVER_CONTAINER', 'has space'],
  ])('rejects %s=%s with a ConfigError naming it', (variable, value) => {
    const error = (() => {
      try {
        loadRecoveryConfig({ [variable]: value })
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe(variable)
  })
})
