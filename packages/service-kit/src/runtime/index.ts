export { handleShutdown } from './handleShutdown.js'
export { loadConfigOrExit } from './loadConfigOrExit.js'
export { readPackageVersion } from './readPackageVersion.js'
export { runSteps, type Step } from './runSteps.js'
