// What the run ran on, for results.json and the head of results.md.
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

/**
 * The machine and tool versions of this run (Chromium's is added when a browser ran).
 *
 * @example
 * const machine = machineInfo() // { cpuModel: '…', cpus: 2, memoryGiB: 7.8, os: 'Linux 6.1…', node: 'v20.20.2', … }
 */
export function machineInfo(): Record<string, unknown> {
  const version = (pkg: string) => {
    try {
      return (require(`${pkg}/package.json`) as { version: string }).version
    } catch {
      return 'unknown'
    }
  }
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cpus: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    autocannon: version('autocannon'),
    htmx: version('htmx.org'),
    hono: version('hono'),
    loadBefore: loadAverage(),
  }
}

/**
 * The 1-minute load average, rounded (how busy the machine was).
 *
 * @example
 * loadAverage() // 0.42
 */
export function loadAverage(): number {
  return Math.round(loadavg()[0]! * 100) / 100
}
