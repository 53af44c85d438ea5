import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One notification as Alertmanager's webhook_config posts it (the fields the tests read). */
export interface WebhookNotification {
  /** The request's Authorization header (set by the receiver, not Alertmanager's JSON). */
  authorization?: string
  status: 'firing' | 'resolved'
  receiver: string
  groupLabels: Record<string, string>
  commonLabels: Record<string, string>
  alerts: Array<{
    status: 'firing' | 'resolved'
    labels: Record<string, string>
    annotations: Record<string, string>
    startsAt: string
    endsAt: string
    generatorURL: string
  }>
}

/** A stand-in for a chat bridge: records every notification Alertmanager delivers to it. */
export async function startWebhookReceiver() {
  const notifications: WebhookNotification[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const notification = JSON.parse(Buffer.concat(chunks).toString('utf8')) as WebhookNotification
      notifications.push({ ...notification, authorization: req.headers.authorization })
      res.writeHead(200).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/alertmanager`,
    notifications,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
