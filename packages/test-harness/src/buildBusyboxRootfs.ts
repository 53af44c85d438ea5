import { execFileSync } from 'node:child_process'
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Statically linked, from Debian's busybox-static, so the rootfs needs no libc. */
const BUSYBOX = '/bin/busybox'

/**
 * Lays out a minimal root filesystem in `rootfs`: /bin/busybox plus one symlink per applet (what
 * `busybox --install -s` would do, but without running inside the rootfs), the directories a
 * container runtime expects, and root/nobody users for applets such as httpd.
 */
export function buildBusyboxRootfs(rootfs: string): void {
  const bin = join(rootfs, 'bin')
  mkdirSync(bin, { recursive: true })
  copyFileSync(BUSYBOX, join(bin, 'busybox'))
  chmodSync(join(bin, 'busybox'), 0o755)
  const applets = execFileSync(BUSYBOX, ['--list'], { encoding: 'utf8' }).split('\n')
  for (const applet of applets) {
    if (applet !== '' && applet !== 'busybox') symlinkSync('busybox', join(bin, applet))
  }
  for (const dir of ['dev', 'etc', 'proc', 'sys', 'root', 'var', 'www']) mkdirSync(join(rootfs, dir))
  mkdirSync(join(rootfs, 'tmp'))
  chmodSync(join(rootfs, 'tmp'), 0o1777)
  writeFileSync(
    join(rootfs, 'etc', 'passwd'),
    'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n',
  )
  writeFileSync(join(rootfs, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n')
}
