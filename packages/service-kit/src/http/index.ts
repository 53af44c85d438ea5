export {
  cachedRoute,
  createDirectServer,
  type DirectAnswer,
  type DirectRoute,
  jsonRoute,
  type RenderedJson,
} from './createDirectServer.js'
export { createHttpApp, type HttpAppOptions } from './createHttpApp.js'
export {
  type CachedResponse,
  createRenderCache,
  type RenderCache,
  type Rendered,
  sendCached,
} from './createRenderCache.js'
export { badRequest, HttpError, notFound } from './HttpError.js'
export { type HttpServing, type ServeHttpOptions, serveHttp } from './serveHttp.js'
