import { loadavg } from 'node:os'

/** 1, 5 and 15 minute load averages from Node's own sysinfo call, on every platform that has them. */
export async function loadAverage(): Promise<[number, number, number]> {
  const [one = 0, five = 0, fifteen = 0] = loadavg()
  return [one, five, fifteen]
}
