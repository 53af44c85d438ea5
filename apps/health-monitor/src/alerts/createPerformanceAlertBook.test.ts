import { describe, expect, it } from 'vitest'
import { createPerformanceAlertBook } from './createPerformanceAlertBook.js'

const alert = (state: string) =>
  JSON.stringify({ fingerprint: 'performance-monitor/cpu/system', state, message: 'cpu high' })

describe('createPerformanceAlertBook', () => {
  it('tracks firing alerts until their resolved message, newest first in recent', () => {
    const book = createPerformanceAlertBook(2)
    book.receive(alert('firing'))
    expect(book.firing()).toHaveLength(1)
    book.receive(alert('resolved'))
    expect(book.firing()).toEqual([])
    book.receive(alert('firing'))
    expect(book.recent().map((a) => a.state)).toEqual(['firing', 'resolved'])
  })

  it('counts messages that are not alerts', () => {
    const book = createPerformanceAlertBook()
    expect(book.receive('not json')).toBeUndefined()
    expect(book.receive('{"x":1}')).toBeUndefined()
    expect(book.invalidCount()).toBe(2)
  })
})
