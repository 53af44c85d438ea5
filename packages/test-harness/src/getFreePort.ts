import { createServer } from 'node:net'

/**
 * Asks the kernel for a free TCP port on 127.0.0.1. The port is released before it is returned, so
 * another process may take it first; the start functions retry with a fresh port when a bind fails.
 */
export function getFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.once('error', reject)
    server.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        server.close()
        reject(new Error(`unexpected server address ${String(address)}`))
        return
      }
      server.close(() => resolve(address.port))
    })
  })
}
