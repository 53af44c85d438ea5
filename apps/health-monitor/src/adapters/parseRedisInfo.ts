/** `INFO` text (`key:value` lines, `# Section` headers) as a flat map. */
export function parseRedisInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue
    const colon = line.indexOf(':')
    if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim())
  }
  return fields
}

/** A numeric INFO field, or undefined when absent or not a number. */
export function infoNumber(fields: Map<string, string>, key: string): number | undefined {
  const raw = fields.get(key)
  if (raw === undefined || raw === '') return undefined
  const n = Number(raw)
  return Number.isFinite(n) ? n : undefined
}
