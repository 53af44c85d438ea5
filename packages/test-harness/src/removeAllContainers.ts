import { dockerRequest } from './dockerRequest.js'

/** Force-removes every container of the daemon (kills running ones); returns the failures. */
export async function removeAllContainers(socketPath: string): Promise<string[]> {
  const list = await dockerRequest(socketPath, { path: '/containers/json?all=1', timeoutMs: 10_000 })
  if (list.status !== 200) return [`list containers: ${list.status} ${list.body}`]
  const ids = (JSON.parse(list.body) as Array<{ Id: string }>).map((c) => c.Id)
  const results = await Promise.all(
    ids.map(async (id) => {
      try {
        const res = await dockerRequest(socketPath, {
          method: 'DELETE',
          path: `/containers/${id}?force=1&v=1`,
          timeoutMs: 20_000,
        })
        return res.status === 204 || res.status === 404 ? undefined : `${id}: ${res.status} ${res.body}`
      } catch (error) {
        return `${id}: ${error instanceof Error ? error.message : String(error)}`
      }
    }),
  )
  return results.filter((r): r is string => r !== undefined)
}
