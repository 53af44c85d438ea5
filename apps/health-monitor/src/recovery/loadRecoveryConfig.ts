import {
  boolField,
  ConfigError,
  type EnvField,
  intField,
  listField,
  optionalField,
  parseEnv,
  stringField,
} from '@squeezeflow/core'
import { DOCKER_HOST_PATTERN } from '../adapters/dockerConnection.js'
import { RECOVERABLE_SERVICES, type RecoverableService, type RecoveryConfig } from './types.js'

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/
const NAME_ACCEPTS = 'a Docker name (letters, digits, _ . -)'
const SECONDS = (defaultValue: number, min = 1) => intField(defaultValue, { min, max: 7 * 86_400 })

const SPEC = {
  AUTO_RESTART_ENABLED: boolField(true),
  AUTO_RESTART_SERVICES: listField(RECOVERABLE_SERVICES),
  RESTART_BUDGET: intField(3, { min: 1, max: 100 }),
  RESTART_WINDOW_SECONDS: SECONDS(3600),
  RESTART_VERIFY_GRACE_SECONDS: SECONDS(120),
  RESTART_STOP_TIMEOUT_SECONDS: SECONDS(10, 0),
  STRATEGY_RUNNER_RESTART_AFTER_SECONDS: SECONDS(300, 0),
  RECOVERY_LEASE_SECONDS: SECONDS(90, 2),
  DOCKER_HOST: optionalField(
    stringField('', DOCKER_HOST_PATTERN, 'unix://<path>, tcp://<host>:<port>, http:// or https://'),
  ),
  DOCKER_SOCKET_PATH: stringField('/var/run/docker.sock', /^\/\S*$/, 'an absolute path'),
  COMPOSE_PROJECT: optionalField(stringField('', NAME, NAME_ACCEPTS)),
  AGGR_SERVER_CONTAINER: optionalField(stringField('', NAME, NAME_ACCEPTS)),
  STRATEGY_RUNNER_CONTAINER: optionalField(stringField('', NAME, NAME_ACCEPTS)),
  AGGR_SERVER_COMPOSE_SERVICE: stringField('aggr-server', NAME, NAME_ACCEPTS),
  STRATEGY_RUNNER_COMPOSE_SERVICE: stringField('strategy-runner', NAME, NAME_ACCEPTS),
} as const satisfies Record<string, EnvField<unknown>>

function allowlist(services: readonly string[]): RecoverableService[] {
  const known = RECOVERABLE_SERVICES as readonly string[]
  const unknown = services.filter((s) => !known.includes(s))
  if (unknown.length > 0) {
    throw new ConfigError(
      'AUTO_RESTART_SERVICES',
      `a comma-separated subset of ${known.join(', ')}`,
      services.join(','),
    )
  }
  return [...new Set(services)] as RecoverableService[]
}

/** Reads the auto-recovery variables (see README "Auto-recovery"); throws a ConfigError naming the bad one. */
export function loadRecoveryConfig(env: Record<string, string | undefined>): RecoveryConfig {
  const e = parseEnv(env, SPEC)
  const project = e.COMPOSE_PROJECT
  return {
    enabled: e.AUTO_RESTART_ENABLED,
    services: allowlist(e.AUTO_RESTART_SERVICES),
    budget: e.RESTART_BUDGET,
    windowSeconds: e.RESTART_WINDOW_SECONDS,
    verifyGraceSeconds: e.RESTART_VERIFY_GRACE_SECONDS,
    stopTimeoutSeconds: e.RESTART_STOP_TIMEOUT_SECONDS,
    leaseSeconds: e.RECOVERY_LEASE_SECONDS,
    sustainSeconds: { aggr_server: 0, strategy_runner: e.STRATEGY_RUNNER_RESTART_AFTER_SECONDS },
    docker: { host: e.DOCKER_HOST, socketPath: e.DOCKER_SOCKET_PATH },
    containers: {
      aggr_server: {
        composeService: e.AGGR_SERVER_COMPOSE_SERVICE,
        composeProject: project,
        containerName: e.AGGR_SERVER_CONTAINER,
      },
      strategy_runner: {
        composeService: e.STRATEGY_RUNNER_COMPOSE_SERVICE,
        composeProject: project,
        containerName: e.STRATEGY_RUNNER_CONTAINER,
      },
    },
  }
}
