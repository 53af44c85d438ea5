import type { ErrorRequestHandler, RequestHandler } from 'express'
import { HttpError } from './HttpError.js'

const READ_METHODS = new Set(['GET', 'HEAD'])

/** Both services only read: any other method gets 405 JSON before routing. */
export const onlyReads: RequestHandler = (req, res, next) => {
  if (READ_METHODS.has(req.method)) return next()
  res
    .set('Allow', 'GET, HEAD')
    .status(405)
    .json({ error: 'method_not_allowed', message: `${req.method} is not allowed; use GET` })
}

export const noRoute: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'not_found', message: `no route for ${req.method} ${req.path}` })
}

/**
 * Never a stack trace: an HttpError keeps its status and code, another client error (e.g. a malformed URL)
 * its status with a short message, and anything else is a plain 500, reported to `onError`.
 */
export function jsonErrors(onError: (err: unknown, path: string) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (res.headersSent) return
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.code, message: err.message })
      return
    }
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500
    if (status === 500) {
      onError(err, req.path)
      res.status(500).json({ error: 'internal_error', message: 'internal error' })
      return
    }
    res.status(status).json({ error: 'bad_request', message: 'malformed request' })
  }
}
