import { describe, expect, it } from 'vitest'
import { busyPercentBetween, parseCpuTimes, parseMemInfo, parseNetDev } from './procFigures.js'

const stat = (user: number, idle: number, iowait = 0) =>
  `cpu  ${user} 0 0 ${idle} ${iowait} 0 0 0 0 0\ncpu0 1 0 0 1 0 0 0 0 0 0\nintr 12 0\n`

describe('parseCpuTimes', () => {
  it('counts every column but idle as busy', () => {
    expect(parseCpuTimes('cpu  10 2 3 100 5 1 1 1 0 0\ncpu0 1\n')).toEqual({ busy: 23, total: 123 })
  })

  it('names the file when the cpu line is missing or unreadable', () => {
    expect(() => parseCpuTimes('intr 1\n')).toThrow('no cpu line in /proc/stat')
    expect(() => parseCpuTimes('cpu  a b c d\n')).toThrow('unreadable cpu line')
  })
})

describe('busyPercentBetween', () => {
  it('is the busy share of the ticks between two readings', () => {
    expect(busyPercentBetween(parseCpuTimes(stat(100, 900)), parseCpuTimes(stat(130, 970)))).toBe(30)
  })

  it('counts I/O wait as busy, as node-os-utils did', () => {
    expect(busyPercentBetween(parseCpuTimes(stat(0, 0, 0)), parseCpuTimes(stat(0, 50, 50)))).toBe(50)
  })

  it('has no answer when no tick passed', () => {
    expect(busyPercentBetween(parseCpuTimes(stat(1, 1)), parseCpuTimes(stat(1, 1)))).toBeUndefined()
  })
})

describe('parseMemInfo', () => {
  it('is total minus available', () => {
    const meminfo = 'MemTotal:        1000 kB\nMemFree:          100 kB\nMemAvailable:     250 kB\n'
    expect(parseMemInfo(meminfo)).toEqual({ usedBytes: 750 * 1024, totalBytes: 1000 * 1024, percent: 75 })
  })

  it('falls back to MemFree on kernels without MemAvailable', () => {
    expect(parseMemInfo('MemTotal: 400 kB\nMemFree: 100 kB\n').percent).toBe(75)
  })

  it('says what is missing', () => {
    expect(() => parseMemInfo('SwapTotal: 0 kB\n')).toThrow('memory unavailable')
  })
})

describe('parseNetDev', () => {
  it('sums every interface but loopback', () => {
    const netDev = [
      'Inter-|   Receive                                                |  Transmit',
      ' face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed',
      '    lo:  500 5 0 0 0 0 0 0  500 5 0 0 0 0 0 0',
      '  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0',
      'wlan0:300 3 0 0 0 0 0 0 400 4 0 0 0 0 0 0',
      '',
    ].join('\n')
    expect(parseNetDev(netDev)).toEqual({ rxBytes: 1300, txBytes: 2400 })
  })
})
