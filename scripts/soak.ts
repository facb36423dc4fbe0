// `npm run soak`: the hardening soak test. Starts the sample site as a production child process
// (`deltaform serve samples/pages --production`, a fresh DELTAFORM_KEY), captures real requests
// on it (GETs, full postbacks, async postbacks, callbacks — valid signed state), then loads it
// with all of them in turn for SOAK_SECONDS while sampling the child's RSS every second.
// Fails (exit 1) on any error (a 1xx/4xx/5xx answer, a socket error, a timeout) or when the RSS
// grew 10% or more after warm-up: the median of seconds 20–30 (JIT, V8's heap sizing and the
// caches settle in the first 20) against the median of the last 10. It also reports how busy the
// machine was and the server's share of it: on a 2-core machine shared with other work, a stall
// of the whole server is contention, not a fault of the server. The server runs with --trace-gc:
// the live heap after each full (mark-compact) GC, first window against last, tells a leak from
// V8 merely growing its heap.
// SOAK_REDIS=1 runs the site on a throwaway redis-server (sessions and caches on Redis) and adds
// session-counter.aspx requests. Writes bench/results/soak.json (soak-redis.json on Redis).
//
//   npm run soak                                  # 60 s, 64 connections, memory stores
//   SOAK_REDIS=1 SOAK_SECONDS=30 npm run soak     # on Redis
//   SOAK_CONNECTIONS=16 npm run soak
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { captureActions, type CapturedRequest } from '../bench/lib/actions.ts'
import { startCommand, stopServer, type ServerProcess } from '../bench/lib/children.ts'
import { FormClient } from '../src/testing/form-client.ts'
import { startRedis, type RedisServerHandle } from './redis-server.ts'

const seconds = Number(process.env.SOAK_SECONDS ?? 60)
const connections = Number(process.env.SOAK_CONNECTIONS ?? 64)
const onRedis = process.env.SOAK_REDIS === '1'
const warmupSeconds = 20
const windowSeconds = 10
const rssGrowthLimit = 0.1
const out = fileURLToPath(new URL(`../bench/results/${onRedis ? 'soak-redis' : 'soak'}.json`, import.meta.url))
const pages = fileURLToPath(new URL('../samples/pages', import.meta.url))

/**
 * One request of the soak mix, as autocannon's `requests` entries take it (a path on the site).
 *
 * @example
 * const r: SoakRequest = { name: 'GET clock.aspx', method: 'GET', path: '/clock.aspx', headers: {} }
 */
export interface SoakRequest {
  /** What it is, for the report. */
  name: string
  method: 'GET' | 'POST'
  path: string
  headers: Record<string, string>
  body?: string
}

/**
 * A captured request as a {@link SoakRequest}: its path and query only, and without the headers
 * autocannon writes itself (host, content-length).
 *
 * @example
 * const mix = [toSoakRequest('clock full postback', actions.clock.full.request)]
 */
export function toSoakRequest(name: string, request: CapturedRequest): SoakRequest {
  const url = new URL(request.url)
  const headers: Record<string, string> = {}
  for (const [header, value] of Object.entries(request.headers)) {
    if (header !== 'host' && header !== 'content-length') headers[header] = value
  }
  return { name, method: request.method, path: url.pathname + url.search, headers, ...(request.method === 'POST' ? { body: request.body } : {}) }
}

/**
 * The resident set size of process `pid` in bytes (VmRSS in /proc/<pid>/status), or undefined
 * when it cannot be read (the process is gone, or no /proc).
 *
 * @example
 * const rss = readRss(server.child.pid!) // 83_456_000
 */
export function readRss(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : undefined
  } catch {
    return undefined
  }
}

/**
 * CPU time so far, in clock ticks (USER_HZ, 100 a second on Linux): of process `pid`
 * (utime + stime in /proc/<pid>/stat) and of the whole machine, busy and total (/proc/stat).
 * Undefined without /proc.
 *
 * @example
 * const a = cpuTicks(pid); … const b = cpuTicks(pid); (b.process - a.process) / 100 // CPU seconds
 */
export function cpuTicks(pid: number): { process: number; busy: number; total: number } | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
    const total = cpu.reduce((a, b) => a + b, 0)
    // idle + iowait are not busy.
    return { process: Number(fields[11]) + Number(fields[12]), busy: total - cpu[3]! - (cpu[4] ?? 0), total }
  } catch {
    return undefined
  }
}

/**
 * The live heap in MiB after a full GC, from one `--trace-gc` line of V8
 * (`[pid:0x…]  34064 ms: Mark-Compact 82.4 (111.0) -> 19.7 (109.2) MB, …`); undefined for other lines.
 *
 * @example
 * liveHeapAfterFullGc('[1:0x1]  34064 ms: Mark-Compact 82.4 (111.0) -> 19.7 (109.2) MB, 4.26 / 0.02 ms') // 19.7
 */
export function liveHeapAfterFullGc(line: string): number | undefined {
  const match = /Mark-Compact [\d.]+ \([\d.]+\) -> ([\d.]+) \(/.exec(line)
  return match ? Number(match[1]) : undefined
}

/**
 * The median of `values` (NaN when empty).
 *
 * @example
 * median([3, 1, 2]) // 2
 */
export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

/**
 * RSS growth after warm-up: the median of the samples in [warmup, warmup + window) seconds
 * against the median of the last `window` seconds, as a fraction (0.05 = 5%). NaN when the run
 * was too short to have both windows.
 *
 * @example
 * rssGrowth([{ t: 11, rss: 100 }, { t: 59, rss: 104 }], 60, 10, 10) // 0.04
 */
export function rssGrowth(samples: Array<{ t: number; rss: number }>, duration: number, warmup: number, window: number): { first: number; last: number; growth: number } {
  const first = median(samples.filter((s) => s.t >= warmup && s.t < warmup + window).map((s) => s.rss))
  const last = median(samples.filter((s) => s.t >= duration - window).map((s) => s.rss))
  return { first, last, growth: (last - first) / first }
}

/** The mix: every captured action of both sample pages, plain GETs, and the session page on Redis. */
async function buildMix(origin: string): Promise<SoakRequest[]> {
  const actions = await captureActions((request) => fetch(request), origin)
  const mix: SoakRequest[] = []
  for (const [page, set] of Object.entries(actions)) {
    mix.push(toSoakRequest(`GET ${page}.aspx`, set.get.request))
    mix.push(toSoakRequest(`${page} full postback`, set.full.request))
    mix.push(toSoakRequest(`${page} async postback`, set.async.request))
    mix.push(toSoakRequest(`${page} callback`, set.callback.request))
  }
  mix.push({ name: 'GET index.aspx', method: 'GET', path: '/index.aspx', headers: {} })
  for (const zip of ['98052', '10001', '60601', '94103']) mix.push({ name: `GET cache.aspx?zip=${zip}`, method: 'GET', path: `/cache.aspx?zip=${zip}`, headers: {} })
  if (onRedis) mix.push(...(await sessionRequests(origin)))
  return mix
}

/**
 * session-counter.aspx: a GET with an existing session (a read of the session on every request)
 * and a "+1" click without a cookie (each one starts a new session and writes it). A click that
 * carries the session cookie cannot be replayed: the postback sequence refuses old forms (409).
 */
async function sessionRequests(origin: string): Promise<SoakRequest[]> {
  const recorded: CapturedRequest[] = []
  const recording = async (request: Request): Promise<Response> => {
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => (headers[name] = value))
    const body = request.method === 'POST' ? await request.clone().text() : ''
    recorded.push({ url: request.url, method: request.method as 'GET' | 'POST', headers, body })
    const response = await fetch(request)
    if (response.status !== 200) throw new Error(`${request.method} ${request.url} answered ${response.status}`)
    return response
  }
  const anonymous = new FormClient(recording, origin)
  await anonymous.get('/session-counter.aspx')
  await anonymous.click('Add')
  const click = recorded.at(-1)!
  if (anonymous.cookies.size === 0) throw new Error('session-counter.aspx "+1" set no session cookie')
  await anonymous.get('/session-counter.aspx')
  const withSession = recorded.at(-1)!
  return [toSoakRequest('session-counter "+1", new session', click), toSoakRequest('GET session-counter.aspx, with session', withSession)]
}

/** Checks once, before the load, that every request of the mix answers 2xx/3xx. */
async function checkMix(origin: string, mix: SoakRequest[]): Promise<void> {
  for (const r of mix) {
    const response = await fetch(origin + r.path, { method: r.method, headers: r.headers, body: r.body, redirect: 'manual' })
    await response.arrayBuffer()
    if (response.status >= 400 || response.status < 200) throw new Error(`${r.name} answered ${response.status} before the soak`)
  }
}

const key = process.env.DELTAFORM_KEY ?? randomBytes(32).toString('hex')
let redis: RedisServerHandle | undefined
let server: ServerProcess | undefined
try {
  if (onRedis) redis = await startRedis()
  const env: Record<string, string> = { DELTAFORM_KEY: key, NODE_ENV: 'production' }
  if (redis) env.REDIS_URL = redis.url
  server = await startCommand('deltaform', ['serve', pages, '--port', '0', '--production'], env, ['--trace-gc'])
  const pid = server.child.pid!
  const heapSamples: Array<{ t: number; rss: number }> = []
  let loadStarted = Number.NaN
  createInterface({ input: server.child.stdout! }).on('line', (line) => {
    const live = liveHeapAfterFullGc(line)
    if (live !== undefined && Number.isFinite(loadStarted)) heapSamples.push({ t: (performance.now() - loadStarted) / 1000, rss: live })
  })
  const mix = await buildMix(server.origin)
  await checkMix(server.origin, mix)
  process.stderr.write(
    `soak: ${seconds} s, ${connections} connections, ${mix.length} requests in the mix, ${redis ? `Redis ${redis.url}` : 'memory stores'}, server pid ${pid} on ${server.origin}\n`,
  )

  const samples: Array<{ t: number; rss: number }> = []
  const cpuAtStart = cpuTicks(pid)
  const started = performance.now()
  loadStarted = started
  const sample = () => {
    const rss = readRss(pid)
    if (rss !== undefined) samples.push({ t: (performance.now() - started) / 1000, rss })
  }
  sample()
  const sampler = setInterval(() => {
    sample()
    const last = samples.at(-1)
    if (last && Math.round(last.t) % 10 === 0) process.stderr.write(`  ${Math.round(last.t)} s: RSS ${(last.rss / 2 ** 20).toFixed(1)} MiB\n`)
  }, 1000)
  // `requests` is not in bench/autocannon.d.ts (the bench sends one request per run).
  const options = {
    url: server.origin,
    connections,
    duration: seconds,
    pipelining: 1,
    timeout: 10,
    requests: mix.map(({ method, path, headers, body }) => ({ method, path, headers, ...(body !== undefined ? { body } : {}) })),
  }
  const result = await autocannon(options as Parameters<typeof autocannon>[0])
  clearInterval(sampler)
  sample()
  const cpuAtEnd = cpuTicks(pid)
  const cpu =
    cpuAtStart && cpuAtEnd
      ? {
          serverCpuSeconds: Number(((cpuAtEnd.process - cpuAtStart.process) / 100).toFixed(1)),
          serverSharePercent: Number((((cpuAtEnd.process - cpuAtStart.process) / (cpuAtEnd.total - cpuAtStart.total)) * 100).toFixed(1)),
          machineBusyPercent: Number((((cpuAtEnd.busy - cpuAtStart.busy) / (cpuAtEnd.total - cpuAtStart.total)) * 100).toFixed(1)),
        }
      : undefined

  const byStatus: Record<string, number> = {}
  let badAnswers = 0
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    byStatus[status] = count
    if (Number(status) < 200 || Number(status) >= 400) badAnswers += count
  }
  // autocannon counts a timeout in `errors` too.
  const errors = badAnswers + result.errors
  const duration = result.duration ?? seconds
  const rss = rssGrowth(samples, duration, warmupSeconds, windowSeconds)
  const mib = (bytes: number) => Number((bytes / 2 ** 20).toFixed(1))
  const rssOk = Number.isFinite(rss.growth) && rss.growth < rssGrowthLimit
  // The same windows over the live heap after full GCs (there are fewer of them: medians of what there is).
  const heap = rssGrowth(heapSamples, duration, warmupSeconds, windowSeconds)
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: availableParallelism(),
    stores: redis ? 'redis' : 'memory',
    seconds,
    connections,
    mix: mix.map((r) => `${r.method} ${r.path} (${r.name})`),
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    maxms: result.latency.max,
    byStatus,
    errors,
    badAnswers,
    socketErrors: result.errors - result.timeouts,
    timeouts: result.timeouts,
    /** The server's share of all cores and how busy the machine was (the load generator runs on it too). */
    cpu,
    rss: {
      startMiB: mib(samples[0]?.rss ?? Number.NaN),
      firstWindowMedianMiB: mib(rss.first),
      lastWindowMedianMiB: mib(rss.last),
      maxMiB: mib(Math.max(...samples.map((s) => s.rss))),
      growthPercent: Number((rss.growth * 100).toFixed(2)),
      windows: `median of ${warmupSeconds}–${warmupSeconds + windowSeconds} s against median of the last ${windowSeconds} s`,
      samples: samples.map((s) => ({ t: Number(s.t.toFixed(1)), mib: mib(s.rss) })),
    },
    /** The live heap after each full GC (V8's --trace-gc), the same windows: a leak grows it. */
    liveHeapAfterFullGc: {
      fullGcs: heapSamples.length,
      firstWindowMedianMiB: Number(heap.first.toFixed(1)),
      lastWindowMedianMiB: Number(heap.last.toFixed(1)),
      growthPercent: Number((heap.growth * 100).toFixed(2)),
    },
    pass: errors === 0 && rssOk,
  }
  mkdirSync(fileURLToPath(new URL('../bench/results/', import.meta.url)), { recursive: true })
  writeFileSync(out, JSON.stringify(report, null, 2) + '\n')

  console.log(`soak (${report.stores} stores, ${seconds} s, ${connections} connections, ${mix.length}-request mix)`)
  console.log(`  requests   ${report.requests} (${report.rps} req/s), p50 ${report.p50ms} ms, p99 ${report.p99ms} ms, max ${report.maxms} ms`)
  if (cpu) console.log(`  CPU        server ${cpu.serverCpuSeconds} s (${cpu.serverSharePercent}% of all cores), machine ${cpu.machineBusyPercent}% busy`)
  console.log(`  statuses   ${Object.entries(byStatus).map(([s, n]) => `${s}: ${n}`).join(', ')}`)
  console.log(`  errors     ${errors} (bad answers ${badAnswers}, socket errors ${report.socketErrors}, timeouts ${report.timeouts})${errors ? '  FAIL' : ''}`)
  console.log(
    `  RSS        ${report.rss.firstWindowMedianMiB} MiB → ${report.rss.lastWindowMedianMiB} MiB after warm-up (${report.rss.growthPercent}%, limit ${rssGrowthLimit * 100}%), max ${report.rss.maxMiB} MiB${rssOk ? '' : '  FAIL'}`,
  )
  console.log(`  live heap  ${report.liveHeapAfterFullGc.firstWindowMedianMiB} MiB → ${report.liveHeapAfterFullGc.lastWindowMedianMiB} MiB after full GCs (${report.liveHeapAfterFullGc.growthPercent}%, ${heapSamples.length} full GCs)`)
  console.log(`  written to ${out}`)
  if (!report.pass) process.exitCode = 1
} catch (error) {
  console.error(error)
  process.exitCode = 1
} finally {
  if (server) await stopServer(server)
  if (redis) await redis.stop()
}
