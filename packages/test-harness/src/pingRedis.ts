import { connect } from 'node:net'

/**
 * Sends an inline PING over a raw TCP connection and resolves true on `+PONG`, or on `-NOAUTH` from a
 * server started with `--requirepass` (it is serving; the client must authenticate). A server that is
 * still loading answers `-LOADING`, which counts as not ready.
 */
export function pingRedis(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port })
    let reply = ''
    const done = (ready: boolean): void => {
      socket.destroy()
      resolve(ready)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1')
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'))
    })
  })
}
