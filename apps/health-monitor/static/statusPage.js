// Keeps the server-rendered status page live from /events (Server-Sent Events). The server renders every
// section; this script only swaps them in, lists alert and recovery events, and says when the stream is down.
// Without it the page still works: it reloads itself (see the <noscript> refresh).
const SECTIONS = ['summary', 'services', 'alerts', 'recovery', 'performance']
const MAX_EVENTS = 30
const RETRY_MIN_MS = 2000
const RETRY_MAX_MS = 30000

const connection = document.getElementById('sp-connection')
const eventsSection = document.getElementById('sp-events-section')
const eventsList = document.getElementById('sp-events')
let source
let downSince = null
let retryMs = RETRY_MIN_MS
let retryTimer

function clockTime(date) {
  return `${date.toISOString().slice(11, 19)} UTC`
}

function showConnection(state, text) {
  connection.dataset.state = state
  connection.textContent = text
}

function onCycle(message) {
  const data = JSON.parse(message.data)
  for (const name of SECTIONS) {
    const target = document.getElementById(`sp-${name}`)
    if (target && typeof data.html?.[name] === 'string') target.innerHTML = data.html[name]
  }
  if (typeof data.title === 'string') document.title = data.title
}

function addEvent(kind, text, severity) {
  eventsSection.hidden = false
  const item = document.createElement('li')
  item.className = `event sev-${severity}`
  const time = document.createElement('time')
  const now = new Date()
  time.dateTime = now.toISOString()
  time.textContent = clockTime(now)
  item.append(time, ` ${kind}: ${text}`)
  eventsList.prepend(item)
  while (eventsList.children.length > MAX_EVENTS) eventsList.lastElementChild.remove()
}

function onAlert(message) {
  const alert = JSON.parse(message.data)
  addEvent(`${alert.severity} alert ${alert.state}`, `${alert.service}: ${alert.message}`, alert.severity)
}

function onRecovery(message) {
  const event = JSON.parse(message.data)
  addEvent('recovery', `${event.service}: ${event.text}`, event.severity || 'info')
}

function markDown() {
  downSince ??= new Date()
  showConnection('down', `Disconnected since ${clockTime(downSince)}; reconnecting…`)
}

function connect() {
  clearTimeout(retryTimer)
  source = new EventSource('/events')
  source.addEventListener('open', () => {
    downSince = null
    retryMs = RETRY_MIN_MS
    showConnection('live', 'Live: updates as each check cycle completes.')
  })
  source.addEventListener('cycle', onCycle)
  source.addEventListener('alert', onAlert)
  source.addEventListener('recovery', onRecovery)
  source.addEventListener('error', () => {
    markDown()
    // The browser retries by itself unless the server refused the stream (e.g. 503 when full): then we do,
    // backing off so a full or restarting monitor is not hammered.
    if (source.readyState === EventSource.CLOSED) {
      source.close()
      retryTimer = setTimeout(connect, retryMs)
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS)
    }
  })
}

if (connection && eventsSection && eventsList && 'EventSource' in window) connect()
