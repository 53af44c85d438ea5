import type { Alert } from '@squeezeflow/core'
import { describe, expect, it } from 'vitest'
import { createAlertOutbox } from './createAlertOutbox.js'

const alert = (n: number) => ({ fingerprint: `a${n}` }) as Alert

describe('createAlertOutbox', () => {
  it('keeps what failed and sends it, in order, on the next flush', async () => {
    const outbox = createAlertOutbox()
    outbox.enqueue([alert(1), alert(2)])
    const sent: string[] = []
    let up = false
    const publish = async (a: Alert) => {
      if (!up) throw new Error('redis down')
      sent.push(a.fingerprint)
    }
    expect(await outbox.flush(publish)).toMatchObject({ sent: 0, error: expect.any(Error) })
    up = true
    outbox.enqueue([alert(3)])
    expect(await outbox.flush(publish)).toEqual({ sent: 3 })
    expect(sent).toEqual(['a1', 'a2', 'a3'])
  })

  it('drops the oldest beyond its capacity and counts them', () => {
    const outbox = createAlertOutbox(2)
    outbox.enqueue([alert(1), alert(2), alert(3)])
    expect([outbox.size, outbox.dropped]).toEqual([2, 1])
  })
})
