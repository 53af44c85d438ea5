import { ConfigError } from './ConfigError.js'

/** How to read one environment variable: a description of what it accepts and a parser. */
export interface EnvField<T> {
  readonly accepts: string
  readonly defaultValue: T
  /** Returns undefined when the raw text is not acceptable. */
  parse(raw: string): T | undefined
}

type Infer<F> = F extends EnvField<infer T> ? T : never
export type EnvSpec = Record<string, EnvField<unknown>>
export type EnvValues<S extends EnvSpec> = { -readonly [K in keyof S]: Infer<S[K]> }

export function intField(
  defaultValue: number,
  { min = 0, max = Number.MAX_SAFE_INTEGER } = {},
): EnvField<number> {
  return {
    accepts: `an integer from ${min} to ${max}`,
    defaultValue,
    parse(raw) {
      if (!/^-?\d+$/.test(raw)) return undefined
      const n = Number(raw)
      return n >= min && n <= max ? n : undefined
    },
  }
}

export function numberField(
  defaultValue: number,
  { min = 0, max = Number.MAX_VALUE } = {},
): EnvField<number> {
  return {
    accepts: `a number from ${min} to ${max}`,
    defaultValue,
    parse(raw) {
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(raw)) return undefined
      const n = Number(raw)
      return n >= min && n <= max ? n : undefined
    },
  }
}

const TRUE = new Set(['true', '1', 'yes', 'on'])
const FALSE = new Set(['false', '0', 'no', 'off'])

export function boolField(defaultValue: boolean): EnvField<boolean> {
  return {
    accepts: 'true or false',
    defaultValue,
    parse(raw) {
      const text = raw.toLowerCase()
      if (TRUE.has(text)) return true
      if (FALSE.has(text)) return false
      return undefined
    },
  }
}

/** Case-insensitive choice; the value returned is the spelling in `values`. */
export function enumField<const V extends string>(values: readonly V[], defaultValue: V): EnvField<V> {
  return {
    accepts: `one of ${values.join(', ')}`,
    defaultValue,
    parse: (raw) => values.find((v) => v.toLowerCase() === raw.toLowerCase()),
  }
}

export function stringField(
  defaultValue: string,
  pattern = /^\S+$/,
  accepts = 'a non-empty value without spaces',
): EnvField<string> {
  return { accepts, defaultValue, parse: (raw) => (pattern.test(raw) ? raw : undefined) }
}

/** An optional value: empty or unset means undefined. */
export function optionalField<T>(field: EnvField<T>): EnvField<T | undefined> {
  return { accepts: field.accepts, defaultValue: undefined, parse: field.parse }
}

export function urlField(defaultValue: string, protocols = ['http:', 'https:']): EnvField<string> {
  return {
    accepts: `a URL (${protocols.join(' or ')})`,
    defaultValue,
    parse(raw) {
      try {
        return protocols.includes(new URL(raw).protocol) ? raw : undefined
      } catch {
        return undefined
      }
    },
  }
}

/** A comma-separated list; each item must match `pattern`. */
export function listField(
  defaultValue: readonly string[],
  pattern = /^[A-Za-z0-9_.-]+$/,
): EnvField<string[]> {
  return {
    accepts: `a comma-separated list of names matching ${pattern}`,
    defaultValue: [...defaultValue],
    parse(raw) {
      const items = raw
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
      return items.every((item) => pattern.test(item)) ? items : undefined
    },
  }
}

/**
 * Reads every variable of `spec` from `env`. Unset or empty variables take their default; the first
 * unacceptable one throws a ConfigError naming it and what it accepts.
 */
export function parseEnv<S extends EnvSpec>(env: Record<string, string | undefined>, spec: S): EnvValues<S> {
  const values: Record<string, unknown> = {}
  for (const [name, field] of Object.entries(spec)) {
    const raw = env[name]?.trim()
    if (raw === undefined || raw === '') {
      values[name] = field.defaultValue
      continue
    }
    const parsed = field.parse(raw)
    if (parsed === undefined) throw new ConfigError(name, field.accepts, raw)
    values[name] = parsed
  }
  return values as EnvValues<S>
}
