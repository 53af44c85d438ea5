import { type Alert, type AlertIdentity, type AlertSeverity, alertFingerprint } from './alert.js'
import type { Clock } from './clock.js'

/** One evaluation of an alert condition. */
export interface AlertObservation extends AlertIdentity {
  /** Whether the condition holds right now. */
  active: boolean
  severity: AlertSeverity
  message: string
  value?: number
  threshold?: number
  /** How long the condition must hold before firing, in seconds. Default 0: fire at once. */
  durationSeconds?: number
}

export interface AlertTrackerOptions {
  clock: Clock
  /** A firing alert is announced again at most this often, in seconds. Default 3600. */
  repeatIntervalSeconds?: number
}

interface Episode {
  alert: Alert
  startedMs: number
  lastAnnouncedMs?: number
}

const iso = (ms: number) => new Date(ms).toISOString()

/**
 * The alert state machine: a condition is `pending` until it has held for its duration, then `firing`
 * (announced once, re-announced at most once per repeat interval), then `resolved` when it clears
 * (announced once). A condition that clears while pending is forgotten silently.
 *
 * `observe` returns the alert to publish, or undefined when there is nothing to say.
 */
export class AlertTracker {
  readonly #clock: Clock
  readonly #repeatMs: number
  readonly #episodes = new Map<string, Episode>()

  constructor({ clock, repeatIntervalSeconds = 3600 }: AlertTrackerOptions) {
    if (!(repeatIntervalSeconds > 0)) throw new RangeError('repeatIntervalSeconds must be > 0')
    this.#clock = clock
    this.#repeatMs = repeatIntervalSeconds * 1000
  }

  observe(observation: AlertObservation): Alert | undefined {
    const fingerprint = alertFingerprint(observation)
    const now = this.#clock()
    const episode = this.#episodes.get(fingerprint)
    if (!observation.active) {
      if (!episode) return undefined
      this.#episodes.delete(fingerprint)
      if (episode.alert.state !== 'firing') return undefined
      return {
        ...episode.alert,
        state: 'resolved',
        message: `resolved: ${episode.alert.message}`,
        value: observation.value ?? episode.alert.value,
        resolved_at: iso(now),
        repeat: false,
        timestamp: iso(now),
      }
    }

    const current = episode ?? this.#start(fingerprint, observation, now)
    const alert = this.#refresh(current, observation, now)
    const heldMs = now - current.startedMs
    if (alert.state === 'pending') {
      if (heldMs < alert.duration_seconds * 1000) return undefined
      alert.state = 'firing'
      alert.fired_at = iso(now)
      current.lastAnnouncedMs = now
      return { ...alert, repeat: false }
    }
    if (current.lastAnnouncedMs !== undefined && now - current.lastAnnouncedMs >= this.#repeatMs) {
      current.lastAnnouncedMs = now
      return { ...alert, repeat: true }
    }
    return undefined
  }

  /** Alerts that are pending or firing now, with how long their condition has held. */
  active(): Array<Alert & { active_for_seconds: number }> {
    const now = this.#clock()
    return [...this.#episodes.values()].map(({ alert, startedMs }) => ({
      ...alert,
      active_for_seconds: Math.round((now - startedMs) / 1000),
    }))
  }

  #start(fingerprint: string, observation: AlertObservation, now: number): Episode {
    const episode: Episode = {
      startedMs: now,
      alert: {
        fingerprint,
        source: observation.source,
        rule: observation.rule,
        service: observation.service,
        severity: observation.severity,
        state: 'pending',
        message: observation.message,
        duration_seconds: observation.durationSeconds ?? 0,
        started_at: iso(now),
        repeat: false,
        timestamp: iso(now),
      },
    }
    this.#episodes.set(fingerprint, episode)
    return episode
  }

  /** The latest message, value and severity win; the episode's timing does not change. */
  #refresh(episode: Episode, observation: AlertObservation, now: number): Alert {
    const alert = episode.alert
    alert.severity = observation.severity
    alert.message = observation.message
    alert.duration_seconds = observation.durationSeconds ?? 0
    alert.timestamp = iso(now)
    if (observation.value !== undefined) alert.value = observation.value
    if (observation.threshold !== undefined) alert.threshold = observation.threshold
    return alert
  }
}
