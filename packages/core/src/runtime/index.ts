export { handleShutdown, type ShutdownStep } from './handleShutdown.js'
export { loadConfigOrExit } from './loadConfigOrExit.js'
