// results.md: the figures as tables grouped by section, the goals first, then the findings.
import type { Figure, Section } from '../lib/figures.ts'

/**
 * What results.json holds and results.md shows.
 *
 * @example
 * const r: BenchResults = { date: new Date().toISOString(), seconds: 241, machine, settings, figures: figures.list, findings: [] }
 */
export interface BenchResults {
  date: string
  /** Wall-clock time of the whole run. */
  seconds: number
  machine: Record<string, unknown>
  settings: Record<string, unknown>
  figures: Figure[]
  findings: string[]
  /** Sections that failed, with the error; their figures are absent. */
  errors: string[]
}

const titles: Record<Section, string> = {
  bytes: 'Bytes on the wire',
  throughput: 'Throughput (req/s, each server in its own process, autocannon)',
  cache: 'Output cache and instances (req/s with autocannon; µs and renders in-process)',
  client: 'Client: size, apply time in Chromium, delta parsing',
  server: 'Server CPU per request phase (in-process)',
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

function value(f: Figure): string {
  if (f.value === null) return `absent`
  return `${f.value.toLocaleString('en-US', { maximumFractionDigits: 4 })} ${f.unit}`
}

function spread(f: Figure): string {
  if (f.runs === undefined) return ''
  return `${f.min}–${f.max} (±${Math.round(((f.spread ?? 0) * 100) / 2)}%, n=${f.runs.length})`
}

function met(f: Figure): string {
  if (!f.goal) return ''
  if (f.met === undefined) return 'not measured'
  return f.met ? 'met' : '**missed**'
}

/**
 * Renders results.md.
 *
 * @example
 * writeFileSync('bench/results.md', renderMarkdown(results))
 */
export function renderMarkdown(r: BenchResults): string {
  const m = r.machine
  let md = `# Deltaform benchmarks\n\n`
  md += `Run of ${r.date}, ${Math.round(r.seconds)} s in all. ${m.cpuModel} × ${m.cpus}, ${m.memoryGiB} GiB, ${m.os}, Node ${m.node}`
  md += m.chromium ? `, Chromium ${m.chromium}` : ''
  md += `. Load average ${m.loadBefore} before the run, ${m.loadAfter} after.\n\n`
  md += `Repeated figures are the **median** of the runs, with min–max and the spread ((max − min) / median, shown as ±half). `
  md += `Ratios are taken side by side: each run of one side is paired with the run of the other side in the same round, and the median of those ratios is reported. `
  md += `Settings: ${Object.entries(r.settings).map(([k, v]) => `${k} ${v}`).join(', ')}.\n\n`
  if (r.errors.length) md += `**Sections that failed:**\n\n${r.errors.map((e) => `- ${cell(e)}`).join('\n')}\n\n`

  md += `## Goals\n\n| goal | figure | value | spread | |\n|---|---|---|---|---|\n`
  for (const f of r.figures.filter((x) => x.goal)) md += `| ${cell(f.goal!)} | ${cell(f.name)} | ${value(f)} | ${spread(f)} | ${met(f)}${f.note && f.value === null ? ` (${cell(f.note)})` : ''} |\n`

  for (const section of Object.keys(titles) as Section[]) {
    const rows = r.figures.filter((f) => f.section === section)
    if (!rows.length) continue
    md += `\n## ${titles[section]}\n\n| figure | value | min–max (spread) | goal | | note |\n|---|---|---|---|---|---|\n`
    for (const f of rows) md += `| ${cell(f.name)} | ${value(f)} | ${spread(f)} | ${cell(f.goal ?? '')} | ${met(f)} | ${cell(f.note ?? '')} |\n`
  }

  md += `\n## Findings\n\nGenerated from this run's numbers; the analysis behind them is in [FINDINGS.md](./FINDINGS.md).\n\n`
  md += r.findings.map((f) => `- ${f}`).join('\n') + '\n'
  return md
}
