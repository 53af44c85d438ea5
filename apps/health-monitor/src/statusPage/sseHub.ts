/** The part of an HTTP response the hub writes to; a ServerResponse fits. */
export interface SseClient {
  write(chunk: string): boolean
  end(): void
  readonly writableLength: number
}

export interface SseHubOptions {
  maxClients: number
  /** A client whose unsent output grows past this is dropped rather than buffered without bound. */
  maxBufferedBytes?: number
  /** Sent once to each client: how long the browser waits before reconnecting, ms. */
  retryMs?: number
}

/**
 * Server-Sent Events to every connected client. Each event is serialised once and the same frame is written
 * to all clients, so the cost per event does not grow with the JSON encoding times the audience. The latest
 * frame of each event type is kept for clients that connect later.
 */
export function createSseHub({ maxClients, maxBufferedBytes = 1 << 20, retryMs = 5000 }: SseHubOptions) {
  const clients = new Set<SseClient>()
  // A frame offered while nobody listened stays a function until a client asks for it by replay.
  const latest = new Map<string, string | (() => string)>()
  let nextId = 1
  let framesSerialised = 0

  function frameOf(event: string, data: unknown, id = nextId++): string {
    // JSON.stringify never emits a raw newline, so the payload is always one `data:` line.
    const frame = `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`
    framesSerialised += 1
    return frame
  }

  function latestFrame(event: string): string | undefined {
    const kept = latest.get(event)
    if (typeof kept !== 'function') return kept
    const frame = kept()
    latest.set(event, frame)
    return frame
  }

  function send(client: SseClient, frame: string): void {
    if (client.writableLength > maxBufferedBytes) {
      clients.delete(client)
      client.end()
      return
    }
    client.write(frame)
  }

  /** Serialises `data` once and writes the frame to every client. Returns the frame. */
  function publish(event: string, data: unknown): string {
    const frame = frameOf(event, data)
    latest.set(event, frame)
    for (const client of clients) send(client, frame)
    return frame
  }

  return {
    /**
     * Adds a client unless the hub is full; returns the function that removes it (call it when the request
     * closes), or undefined when the limit is reached. `replay` names events whose latest frame it gets first.
     */
    add(client: SseClient, replay: readonly string[] = []): (() => void) | undefined {
      if (clients.size >= maxClients) return undefined
      clients.add(client)
      client.write(`retry: ${retryMs}\n\n`)
      for (const event of replay) {
        const frame = latestFrame(event)
        if (frame !== undefined) client.write(frame)
      }
      return () => {
        clients.delete(client)
      }
    },
    publish,
    /**
     * Like publish, but builds the data only when someone receives it: now, if a client is connected, or
     * later, when a client connecting asks for this event's replay. An idle page with no audience then
     * renders nothing (README "Benchmarks": what the monitors cost at rest).
     */
    offer(event: string, build: () => unknown): void {
      if (clients.size > 0) {
        publish(event, build())
        return
      }
      const id = nextId++
      latest.set(event, () => frameOf(event, build(), id))
    },
    /** A comment line: ignored by browsers, but traffic for proxies that close idle connections. */
    heartbeat(): void {
      for (const client of clients) send(client, ': keep-alive\n\n')
    },
    /** Ends every stream (at shutdown); browsers reconnect to whichever instance answers next. */
    closeAll(): void {
      for (const client of clients) client.end()
      clients.clear()
    },
    size: () => clients.size,
    stats: () => ({ clients: clients.size, max_clients: maxClients, frames_serialised: framesSerialised }),
  }
}

export type SseHub = ReturnType<typeof createSseHub>
