import type { EnvField } from '@squeezeflow/core'

/** A comma-separated list of http(s) base URLs; unset means none. */
export function urlListField(): EnvField<string[]> {
  return {
    accepts: 'comma-separated http:// or https:// URLs',
    defaultValue: [],
    parse(raw) {
      const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
      const valid = items.every((item) => {
        try {
          return ['http:', 'https:'].includes(new URL(item).protocol)
        } catch {
          return false
        }
      })
      return valid && items.length > 0 ? items.map((item) => item.replace(/\/+$/, '')) : undefined
    },
  }
}
