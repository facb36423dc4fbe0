import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/** Unit tests: Node only, no browser (browser tests are Playwright's, in e2e/). */
export default defineConfig({
  resolve: {
    // Tests import the package by its public name, as users do.
    alias: [
      { find: /^deltaform$/, replacement: here('./src/index.ts') },
      { find: /^deltaform\/testing$/, replacement: here('./src/testing/index.ts') },
    ],
  },
  test: {
    include: ['src/**/*.test.ts', 'runtime-client/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'e2e/**'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
})
