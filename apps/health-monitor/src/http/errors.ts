import type { ErrorRequestHandler, RequestHandler } from 'express'

const ALLOWED = new Set(['GET', 'HEAD'])

/** The API only reads: any other method gets 405 JSON before routing. */
export const onlyGet: RequestHandler = (req, res, next) => {
  if (ALLOWED.has(req.method)) return next()
  res
    .set('Allow', 'GET, HEAD')
    .status(405)
    .json({ error: 'method_not_allowed', message: `${req.method} is not allowed; use GET` })
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ error: 'not_found', message: `no route for ${req.method} ${req.path}` })
}

/** Never a stack trace: a client error keeps its status with a short message, anything else is a plain 500. */
export function createErrorHandler(onError: (err: unknown) => void): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    const status = typeof err?.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500
    if (status === 500) onError(err)
    if (res.headersSent) return
    res
      .status(status)
      .json(
        status === 500
          ? { error: 'internal_error', message: 'internal error' }
          : { error: 'bad_request', message: 'malformed request' },
      )
  }
}
