#!/usr/bin/env node
// The whole test suite, as `npm test` runs it:
//   1. typecheck      npx tsc --noEmit
//   2. unit tests     npx vitest run
//   3. browser tests  npx playwright test   (system Chromium; Playwright never downloads a browser)
// Stops at the first stage that fails and exits with its code. Always ends with one line
//   tests: N passed, N failed
// summing the vitest and Playwright counts (read from their JSON reports).
//
// Usage: node scripts/test.js [--unit | --e2e]
//   --unit   typecheck + unit tests only (no browser)
//   --e2e    browser tests only
//
// Chromium: $CHROMIUM_PATH, else /usr/bin/chromium. If that is missing and we run as root,
// `apt-get install -y chromium` is run; otherwise the script says how to get it.

import { spawnSync } from 'node:child_process'
import { accessSync, constants, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DEFAULT_CHROMIUM = '/usr/bin/chromium'

// ---- arguments -------------------------------------------------------------------------------
const args = process.argv.slice(2)
const usage = 'usage: node scripts/test.js [--unit | --e2e]\n' +
  '  --unit  typecheck + unit tests (vitest) only\n' +
  '  --e2e   browser tests (Playwright) only'
if (args.includes('-h') || args.includes('--help')) {
  console.log(usage)
  process.exit(0)
}
const unknown = args.filter((a) => a !== '--unit' && a !== '--e2e')
if (unknown.length > 0 || (args.includes('--unit') && args.includes('--e2e'))) {
  console.error(unknown.length > 0 ? `test: unknown argument ${unknown.join(' ')}` : 'test: --unit and --e2e exclude each other')
  console.error(usage)
  process.exit(2)
}
const runUnit = !args.includes('--e2e')
const runE2e = !args.includes('--unit')

// ---- state and exit --------------------------------------------------------------------------
const tmp = mkdtempSync(join(tmpdir(), 'deltaform-test-'))
const totals = { passed: 0, failed: 0 }

/** Prints the summary line and exits. A failing run never reports "0 failed". */
function finish(code) {
  if (code !== 0 && totals.failed === 0) totals.failed = 1
  rmSync(tmp, { recursive: true, force: true })
  process.stdout.write(`\ntests: ${totals.passed} passed, ${totals.failed} failed\n`)
  process.exit(code)
}

function log(message) {
  process.stdout.write(`\n> ${message}\n`)
}

/**
 * Runs a command with inherited stdio; returns its exit code (1 if it could not start, 128+n if killed).
 * @param {string} command
 * @param {string[]} commandArgs
 * @param {NodeJS.ProcessEnv} env
 * @returns {number}
 */
function run(command, commandArgs, env) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env })
  if (result.error) {
    console.error(`test: could not run ${command}: ${result.error.message}`)
    return 1
  }
  if (result.signal) {
    console.error(`test: ${command} ${commandArgs.join(' ')} was killed by ${result.signal}`)
    return 128 + (signalNumbers[result.signal] ?? 1)
  }
  return result.status ?? 1
}
const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 }

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return undefined
  }
}

// ---- Chromium --------------------------------------------------------------------------------
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Returns the Chromium path, installing Debian's chromium if allowed; exits with a message if it cannot. */
function ensureChromium() {
  const explicit = process.env.CHROMIUM_PATH
  if (explicit) {
    if (isExecutable(explicit)) return explicit
    console.error(`test: CHROMIUM_PATH=${explicit} is not an executable file.\n` +
      `      Point CHROMIUM_PATH at a Chromium binary, or unset it to use ${DEFAULT_CHROMIUM}.`)
    finish(1)
  }
  if (isExecutable(DEFAULT_CHROMIUM)) return DEFAULT_CHROMIUM
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!isRoot) {
    console.error(`test: Chromium not found at ${DEFAULT_CHROMIUM}. The browser tests use the system Chromium\n` +
      '      (Playwright never downloads one). Install it:  sudo apt-get install -y chromium\n' +
      '      or set CHROMIUM_PATH=/path/to/chromium, or run only the unit tests: node scripts/test.js --unit')
    finish(1)
  }
  log(`Chromium not found at ${DEFAULT_CHROMIUM}; installing it with apt-get`)
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  const wait = ['-o', 'DPkg::Lock::Timeout=600'] // wait for another apt/dpkg instead of failing
  let code = run('apt-get', [...wait, 'update'], aptEnv)
  if (code === 0) code = run('apt-get', [...wait, 'install', '-y', 'chromium'], aptEnv)
  if (code !== 0 || !isExecutable(DEFAULT_CHROMIUM)) {
    console.error('test: installing chromium with apt-get failed; install it by hand or set CHROMIUM_PATH.')
    finish(code || 1)
  }
  return DEFAULT_CHROMIUM
}

/** True if e2e/ holds at least one *.spec.ts file (at any depth). */
function hasBrowserTests() {
  const walk = (dir) => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return false
    }
    return entries.some((e) => (e.isDirectory() ? e.name !== 'node_modules' && walk(join(dir, e.name)) : e.name.endsWith('.spec.ts')))
  }
  return walk(join(root, 'e2e'))
}

// ---- stages ----------------------------------------------------------------------------------
const chromiumPath = runE2e ? ensureChromium() : (process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM)
const childEnv = {
  ...process.env,
  CHROMIUM_PATH: chromiumPath,
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
}

// npx --no: use the locally installed tool, never fetch one from the registry.
const npx = (tool, toolArgs) => run('npx', ['--no', '--', tool, ...toolArgs], childEnv)

if (runUnit) {
  log('typecheck: tsc --noEmit')
  const code = npx('tsc', ['--noEmit'])
  if (code !== 0) {
    console.error(`test: typecheck failed (exit ${code})`)
    finish(code)
  }

  log('unit: vitest run')
  const report = join(tmp, 'vitest.json')
  let code2 = npx('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`])
  const json = readJson(report)
  if (json) {
    const failedTests = json.numFailedTests ?? 0
    // Files that failed without a failing test (import/syntax error, error in a hook) count once each.
    const brokenFiles = (json.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
    ).length
    totals.passed += json.numPassedTests ?? 0
    totals.failed += failedTests + brokenFiles
  } else {
    console.error('test: vitest wrote no JSON report; counting the unit stage as failed')
    totals.failed += 1
    if (code2 === 0) code2 = 1
  }
  if (code2 !== 0) {
    console.error(`test: unit tests failed (exit ${code2})`)
    finish(code2)
  }
}

if (runE2e) {
  const playwrightArgs = ['test']
  if (!hasBrowserTests()) {
    // Without spec files Playwright fails with "No tests found". --list still loads and checks
    // playwright.config.ts but does not start the webServer (bin/deltaform.js may not exist yet).
    log('e2e: no browser tests yet (no e2e/**/*.spec.ts); checking the Playwright config only')
    playwrightArgs.push('--list', '--pass-with-no-tests')
  } else {
    log(`e2e: playwright test (Chromium: ${chromiumPath})`)
  }
  const report = join(tmp, 'playwright.json')
  // Overrides the json reporter's outputFile from playwright.config.ts.
  let code = run('npx', ['--no', '--', 'playwright', ...playwrightArgs], { ...childEnv, PLAYWRIGHT_JSON_OUTPUT_FILE: report })
  const json = existsSync(report) ? readJson(report) : undefined
  if (json?.stats) {
    const s = json.stats
    totals.passed += (s.expected ?? 0) + (s.flaky ?? 0)
    // Errors outside any test (webServer did not start, a spec failed to load) count once each.
    totals.failed += (s.unexpected ?? 0) + (s.unexpected ? 0 : (json.errors ?? []).length)
  } else {
    console.error('test: Playwright wrote no JSON report; counting the e2e stage as failed')
    totals.failed += 1
    if (code === 0) code = 1
  }
  if (code !== 0) {
    console.error(`test: browser tests failed (exit ${code})`)
    finish(code)
  }
}

finish(0)
