import { readFileSync } from 'node:fs'

export interface MountEntry {
  readonly mountPoint: string
  readonly fsType: string
}

// mountinfo escapes space, tab, newline and backslash as octal.
const unescapeOctal = (field: string): string =>
  field.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(Number.parseInt(octal, 8)))

/** Parses /proc/self/mountinfo text (see proc(5)). */
export function parseMountinfo(text: string): MountEntry[] {
  const entries: MountEntry[] = []
  for (const line of text.split('\n')) {
    // Optional fields vary in number; ' - ' separates them from fstype and source.
    const [left, right] = line.split(' - ')
    const mountPoint = left?.split(' ')[4]
    const fsType = right?.split(' ')[0]
    if (mountPoint !== undefined && fsType !== undefined)
      entries.push({ mountPoint: unescapeOctal(mountPoint), fsType })
  }
  return entries
}

export function readMounts(): MountEntry[] {
  return parseMountinfo(readFileSync('/proc/self/mountinfo', 'utf8'))
}
