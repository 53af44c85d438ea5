import { createServer } from 'node:http'

// The baseline: plain node:http answering every request with the body health-monitor's /health returned.
const body = process.env.BENCH_BODY ?? '{}'
const statusCode = Number(process.env.BENCH_STATUS ?? 200)
const server = createServer((_req, res) => {
  res.writeHead(statusCode, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  })
  res.end(body)
})
server.listen(Number(process.env.BENCH_PORT), '127.0.0.1', () => process.send?.('listening'))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
