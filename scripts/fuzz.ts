// `npm run fuzz`: the hardening fuzz run at full size. Sends FUZZ_RUNS (default 100,000)
// seeded cases — real captured postbacks, async postbacks and callbacks of the sample site,
// mutated — to the site in process, counts outcomes by status, refusal reason and mutation,
// writes them to bench/results/fuzz.json and prints a summary. Exits 1 on any violation.
//
//   npm run fuzz                          # 100,000 cases, about 8 minutes on 2 cores
//   FUZZ_RUNS=5000 FUZZ_SEED=7 npm run fuzz
import { mkdirSync, writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { Fuzzer } from '../src/hardening/fuzzer.ts'
import { FuzzTally } from '../src/hardening/tally.ts'

const runs = Number(process.env.FUZZ_RUNS ?? 100_000)
const seed = Number(process.env.FUZZ_SEED ?? 20_260_101)
const out = fileURLToPath(new URL('../bench/results/fuzz.json', import.meta.url))

const started = performance.now()
const cpuStart = process.cpuUsage()
const fuzzer = await Fuzzer.create()
const setupMs = Math.round(performance.now() - started)
const tally = new FuzzTally()
const step = Math.max(1, Math.round(runs / 20))
await fc.assert(
  fc.asyncProperty(fuzzer.cases, async (c) => {
    tally.add(c, await fuzzer.run(c))
    if (tally.cases % step === 0) {
      const seconds = (performance.now() - started) / 1000
      process.stderr.write(`${tally.cases}/${runs} cases, ${tally.violationCount} violations, ${seconds.toFixed(0)} s\n`)
    }
  }),
  { seed, numRuns: runs },
)
const durationMs = Math.round(performance.now() - started)
const cpu = process.cpuUsage(cpuStart)
// CPU time as well as wall time: on a shared machine the wall time says more about the neighbours.
const cpuMs = Math.round((cpu.user + cpu.system) / 1000)

const report = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: availableParallelism(),
  seed,
  runs: tally.cases,
  seeds: fuzzer.seeds.map((s) => `${s.user}: ${s.name}`),
  durationMs,
  setupMs,
  cpuMs,
  msPerCase: Number(((durationMs - setupMs) / tally.cases).toFixed(2)),
  byOutcome: tally.byOutcome,
  byStatus: tally.byStatus,
  byKind: tally.byKind,
  byReason: tally.byReason,
  byMutation: tally.byMutation,
  violationCount: tally.violationCount,
  violations: tally.violations,
}
mkdirSync(fileURLToPath(new URL('../bench/results/', import.meta.url)), { recursive: true })
writeFileSync(out, JSON.stringify(report, null, 2) + '\n')

console.log(tally.table())
console.log(
  `\n${tally.cases} cases (seed ${seed}) in ${(durationMs / 1000).toFixed(1)} s (CPU ${(cpuMs / 1000).toFixed(1)} s), ` +
    `${report.msPerCase} ms per case; ${tally.violationCount} violations.`,
)
console.log(`Written to ${out}`)
await fuzzer.site.app.close()
process.exit(tally.violationCount > 0 ? 1 : 0)
