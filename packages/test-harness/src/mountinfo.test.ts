import { describe, expect, it } from 'vitest'
import { parseMountinfo } from './mountinfo.js'

describe('parseMountinfo', () => {
  it('reads mount point and fstype past a variable number of optional fields', () => {
    const text = [
      '42 27 254:0 /tmp/x/data /tmp/x/data rw,relatime shared:1 - ext4 /dev/vda rw',
      '92 27 0:4 net:[4026532181] /tmp/x/exec/netns/ea64 rw - nsfs nsfs rw',
      '30 25 0:26 / /sys/fs/cgroup/pids rw,relatime shared:9 master:3 - cgroup cgroup rw,pids',
      '',
    ].join('\n')
    expect(parseMountinfo(text)).toEqual([
      { mountPoint: '/tmp/x/data', fsType: 'ext4' },
      { mountPoint: '/tmp/x/exec/netns/ea64', fsType: 'nsfs' },
      { mountPoint: '/sys/fs/cgroup/pids', fsType: 'cgroup' },
    ])
  })

  it('unescapes octal escapes in paths', () => {
    expect(parseMountinfo('1 2 0:1 / /mnt/a\\040b rw - tmpfs tmpfs rw')).toEqual([
      { mountPoint: '/mnt/a b', fsType: 'tmpfs' },
    ])
  })
})
