/** What every server started by the harness offers. */
export interface HarnessServer {
  /** Always '127.0.0.1': the harness never listens beyond loopback. */
  readonly host: string
  readonly port: number
  readonly url: string
  /** Private temp dir holding the server's data, config and `server.log`; removed by `stop()`. */
  readonly dir: string
  readonly logPath: string
  /** PID of the running process, undefined while it is down. */
  readonly pid: number | undefined
  /** Milliseconds the last (re)start took, from spawn until the readiness probe answered. */
  readonly lastStartMs: number
  /** Graceful shutdown, then the temp dir is removed. Idempotent; never throws for a dead process. */
  stop(): Promise<void>
  /** SIGKILL, to simulate a crash. The temp dir stays, so `restart()` can bring the server back. */
  kill(): Promise<void>
  /** Starts the server again on the same port(s) and dir (stopping it gracefully first if it runs). */
  restart(): Promise<void>
}

export type RedisServer = HarnessServer

/** One statement's result from InfluxDB 1.x `/query`. */
export interface InfluxStatementResult {
  readonly statement_id: number
  readonly series?: ReadonlyArray<{
    readonly name: string
    readonly tags?: Readonly<Record<string, string>>
    readonly columns: readonly string[]
    readonly values: ReadonlyArray<readonly unknown[]>
  }>
  readonly error?: string
}

export interface InfluxQueryResponse {
  readonly results: readonly InfluxStatementResult[]
}

export interface InfluxServer extends HarnessServer {
  /** Runs InfluxQL via POST /query; throws on an HTTP error or a statement error. */
  query(q: string, db?: string): Promise<InfluxQueryResponse>
  /** Writes line protocol (nanosecond timestamps) via POST /write; throws unless InfluxDB answers 204. */
  write(lineProtocol: string, db: string, rp?: string): Promise<void>
}

export interface DockerDaemon {
  /** dockerd's private API socket. */
  readonly socketPath: string
  /** `unix://<socketPath>`, for DOCKER_HOST or `docker -H`. */
  readonly dockerHost: string
  /** Private temp dir holding data-root, exec-root, config and `dockerd.log`; removed by `stop()`. */
  readonly dir: string
  readonly logPath: string
  /** Storage driver the daemon runs with. */
  readonly storageDriver: string
  /** Milliseconds from spawn until `GET /_ping` answered OK. */
  readonly startMs: number
  /**
   * Removes all containers, stops dockerd (and its containerd), kills anything of this daemon that
   * is left, unmounts and removes the temp dir. Idempotent; never throws for a dead daemon.
   */
  stop(): Promise<void>
  /** Imports a busybox rootfs as `tag` (once per tag); resolves with the image ID. */
  importBusyboxImage(tag?: string): Promise<string>
}
