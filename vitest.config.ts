import { defineConfig } from 'vitest/config'

// Workspace packages export their TypeScript sources under the `source` condition, so tests run
// against src without a build step.
const conditions = ['source', 'node', 'import', 'default']
// Vitest also hands the SSR conditions to its workers as `node --conditions`, where `import` would make
// CommonJS `require()` pick ESM entries (router's `require('is-promise')` then got a namespace object and
// every Express 5 handler failed with "isPromise is not a function"). Node adds `import`/`require` itself.
const ssrConditions = conditions.filter((c) => c !== 'import')

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ssrConditions, externalConditions: ssrConditions } },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{apps,packages}/*/src/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{apps,packages}/*/test/**/*.test.ts', 'test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each suite starts its own real servers; two cores do not reward more parallelism.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
})
