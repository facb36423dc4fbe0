import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

/**
 * Browser tests (e2e/*.spec.ts) against the sample pages served by `deltaform serve`.
 * Uses the system Chromium (CHROMIUM_PATH, else /usr/bin/chromium); Playwright never
 * downloads a browser. `npm test` runs this via scripts/test.js, which also overrides the
 * JSON report location with PLAYWRIGHT_JSON_OUTPUT_FILE.
 */
const msAjaxDir = process.env.MSAJAX_DIR
// E2E_PORT lets two runs share the machine (default 3100; the Microsoft-scripts server uses the next port).
const port = Number(process.env.E2E_PORT) || 3100

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // One worker: a 2-core machine, and all tests share one server.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: 'playwright-report/results.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { browserName: 'chromium' } },
    // With MSAJAX_DIR (a folder holding the original MicrosoftAjax.js, MicrosoftAjaxWebForms.js
    // and WebForms.js, which this repository does not ship), the partial-vs-full, callback and
    // orders suites run again with the pages loading Microsoft's client instead of Deltaform's.
    ...(msAjaxDir
      ? [
          {
            name: 'microsoft-ajax',
            testMatch: ['**/partial-vs-full.spec.ts', '**/callbacks.spec.ts', '**/orders.spec.ts'],
            // asp:Timer needs MicrosoftAjaxTimer.js, which not every copy of the scripts has.
            grepInvert: existsSync(join(msAjaxDir, 'MicrosoftAjaxTimer.js')) ? undefined : /progress: |during an async postback/,
            use: { browserName: 'chromium' as const, baseURL: `http://127.0.0.1:${port + 1}` },
          },
        ]
      : []),
  ],
  webServer: [
    {
      command: `node bin/deltaform.js serve samples/pages --port ${port}`,
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    ...(msAjaxDir
      ? [{ command: `node bin/deltaform.js serve samples/pages --port ${port + 1} --microsoft-ajax ${JSON.stringify(msAjaxDir)}`, url: `http://127.0.0.1:${port + 1}/`, reuseExistingServer: false, timeout: 60_000 }]
      : []),
  ],
})
