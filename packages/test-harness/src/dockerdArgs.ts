import { join } from 'node:path'

export interface DockerdLayout {
  readonly dir: string
  readonly socketPath: string
  readonly configPath: string
  readonly storageDriver: string
  readonly cgroupName: string
  /** Forward published ports through docker-proxy; without iptables it is the only path that answers. */
  readonly userlandProxy: boolean
}

/**
 * Command line of a private dockerd: everything it owns lives in `dir`, so several daemons (and a
 * host dockerd) coexist. Its managed containerd follows --exec-root / --data-root (socket, state,
 * root), and shim sockets are keyed by that containerd address, so nothing collides.
 */
export function dockerdArgs(layout: DockerdLayout): string[] {
  const { dir, socketPath, configPath, storageDriver, cgroupName, userlandProxy } = layout
  return [
    // An empty config file, so /etc/docker/daemon.json on the host cannot change our daemon.
    `--config-file=${configPath}`,
    `--host=unix://${socketPath}`,
    `--data-root=${join(dir, 'data')}`,
    `--exec-root=${join(dir, 'exec')}`,
    `--pidfile=${join(dir, 'docker.pid')}`,
    // No bridge, no NAT rules: tests must not touch the host's network configuration, and their
    // containers run with NetworkMode 'none'.
    '--iptables=false',
    '--ip6tables=false',
    '--bridge=none',
    `--userland-proxy=${userlandProxy}`,
    `--storage-driver=${storageDriver}`,
    // A cgroup parent of our own, so container processes of this daemon can be found and killed
    // even when dockerd and the shims are gone.
    `--cgroup-parent=/${cgroupName}`,
    // Containers are removed before shutdown; this bounds the wait if one was created meanwhile.
    '--shutdown-timeout=3',
  ]
}
