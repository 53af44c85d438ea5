export * from './dashboardSchema.js'
export { type DashboardParse, parseDashboard } from './parseDashboard.js'
