// Findings generated from the numbers: for each goal missed, the figures that say why. The
// written analysis lives in bench/FINDINGS.md; these lines keep it honest run after run.
import { phaseLabels } from '../sections/phases.ts'
import { cacheFindings } from './cache-findings.ts'
import type { Figure, Figures } from '../lib/figures.ts'
import { round } from '../lib/stats.ts'

const n = (v: number | undefined, digits = 3) => (v === undefined ? 'n/a' : String(round(v, digits)))

/**
 * One finding per goal missed (and a line for goals met only narrowly), in report order.
 *
 * @example
 * for (const line of findings(figures)) md += `- ${line}\n`
 */
export function findings(figures: Figures): string[] {
  const v = (name: string) => figures.value(name)
  const out: string[] = []
  const missed = (f: Figure | undefined) => f !== undefined && f.met === false

  for (const [page, action] of [['clock.aspx', '"Get Server Time" click'], ['orders.aspx', 'grid page 2']] as const) {
    const p = `${page} ${action}`
    const asyncRatio = figures.find(`${p}: async / full postback answer`)
    const full = v(`${p}: full postback answer`)
    const asyncBytes = v(`${p}: async postback answer`)
    if (missed(asyncRatio) && asyncBytes !== undefined && full !== undefined) {
      const panels = v(`${p}: async delta, panel records`) ?? 0
      const state = v(`${p}: async delta, __VIEWSTATE + __EVENTVALIDATION records`) ?? 0
      const other = asyncBytes - panels - state
      out.push(
        `**${page} async bytes ${n(asyncRatio!.value!)} of the full postback (goal ≤ 0.10).** The async answer is ${asyncBytes} bytes: ` +
          `panel HTML ${panels} (${pct(panels, asyncBytes)}), view state + event validation ${state} (${pct(state, asyncBytes)}), ` +
          `the other records ${other} (${pct(other, asyncBytes)}). The full postback is only ${full} bytes, so the panel is ` +
          `${pct(panels, full)} of the page: ≤ 0.10 needs a page of at least ${Math.ceil(asyncBytes / 0.1)} bytes around this panel` +
          (full * 0.1 > state + other
            ? `, or a panel under ${Math.floor(full * 0.1 - state - other)} bytes with the fixed records as they are.`
            : `; the fixed records alone (${state + other} bytes) are already ${pct(state + other, full)} of this page, so no panel content can meet it here.`),
      )
    }
    const cbRatio = figures.find(`${p}: callback / full postback answer`)
    const cb = v(`${p}: callback answer`)
    if (missed(cbRatio) && cb !== undefined && full !== undefined) {
      out.push(
        `**${page} callback bytes ${n(cbRatio!.value!)} of the full postback (goal ≤ 0.02).** The callback answer (${cb} bytes) is the ` +
          `re-rendered grid itself, ${pct(cb, full)} of a ${full}-byte page. 2% would need the page to be ${Math.ceil(cb / 0.02)} bytes ` +
          `(${n(cb / 0.02 / full, 2)}× its size) or the answer to be ≤ ${Math.floor(full * 0.02)} bytes — less than one grid row set.`,
      )
    }
  }

  const client = figures.find('runtime-client min+gzip')
  if (missed(client)) {
    const shares = figures.list
      .filter((f) => f.name.startsWith('runtime-client share: ') && f.value !== null)
      .sort((a, b) => b.value! - a.value!)
      .slice(0, 4)
      .map((f) => `${f.name.slice('runtime-client share: '.length)} ≈ ${f.value}`)
    out.push(
      `**runtime-client ${client!.value} bytes min+gzip (goal ≤ 6144): ${client!.value! - 6144} bytes over.** Largest modules (gzip bytes, pro rata): ` +
        `${shares.join(', ')}. For scale, htmx.min.js is ${v('htmx.org htmx.min.js min+gzip (peer, for comparison)') ?? 'n/a'} bytes.`,
    )
  }

  const apply = figures.find('1,000-row panel apply / innerHTML')
  if (missed(apply)) {
    const walk = v('1,000-row panel: Sys.Application.disposeElement walk alone')
    const afterWalk = v('1,000-row panel: innerHTML right after the dispose walk (walk not timed)')
    const bare = v('1,000-row panel: bare innerHTML assignment')
    const parse = v('1,000-row panel apply, part: answer received → pageLoading (parse, lists)')
    out.push(
      `**1,000-row apply ${n(apply!.value!)}× innerHTML (goal ≤ 1.5).** Of the runtime's ${n(v('1,000-row panel: runtime apply (answer received → endRequest)'))} ms: ` +
        `parse and lists ${n(parse)} ms, the dispose walk over the old panel's elements ${n(walk)} ms on its own, and an innerHTML right after ` +
        `that walk ${n(afterWalk)} ms against ${n(bare)} ms for a bare one. The walk allocates per element (a JS wrapper, an array, a Set entry); ` +
        `a Chromium trace shows minor GCs of that garbage inside the apply (FINDINGS.md §5). With the following layout included on both sides the ratio is ` +
        `${n(v('1,000-row panel apply / innerHTML, layout included'))}.`,
    )
  }

  for (const [page, raw, htmx, phases] of [
    ['clock.aspx', 'clock.aspx async postback / raw Hono GET', 'clock.aspx async postback / htmx peer click', 'clock.aspx async postback'],
    ['orders.aspx', 'orders.aspx async postback / raw Hono GET', 'orders.aspx async postback / htmx peer panel page', 'orders.aspx async postback'],
  ] as const) {
    const vsRaw = figures.find(raw)
    const vsHtmx = figures.find(htmx)
    if (!missed(vsRaw) && !missed(vsHtmx)) continue
    const total = v(`${phases}: total of the phases`)
    const phase = (key: string) => n(v(`${phases}: ${phaseLabels[key]}`))
    const parts = [
      missed(vsRaw) ? `${n(vsRaw!.value!)}× raw Hono (goal ≥ 0.5)` : undefined,
      missed(vsHtmx) ? `${n(vsHtmx!.value!)}× the htmx peer (goal ≥ 1.0)` : undefined,
    ].filter(Boolean)
    out.push(
      `**${page} async postback throughput ${parts.join(', ')}.** In-process, one async postback takes ${n(total)} µs before HTTP (Server-Timing): ` +
        `form ${phase('form')}, build ${phase('build')}, state ${phase('state')}, lifecycle ${phase('lifecycle')}, save ${phase('save')}, render ${phase('render')}. ` +
        `The render covers the whole page even for a delta (event validation needs every control), so an async postback does about ` +
        `the work of a full one (measured: ${n(v(`${page} async postback / full postback`))}× its requests/s); it saves bytes, not server time.`,
    )
  }

  const vs = figures.find('orders.aspx __VIEWSTATE, first load')
  if (missed(vs)) out.push(`**orders.aspx view state ${vs!.value} bytes (goal ≤ 1024).**`)
  out.push(...cacheFindings(figures))
  const noisy = figures.list.filter((f) => (f.section === 'throughput' || f.section === 'cache') && f.unit === 'req/s' && (f.spread ?? 0) > 0.25)
  if (noisy.length) out.push(`Noisy: ${noisy.map((f) => `${f.name} (spread ${n(f.spread)})`).join('; ')} — the machine was busy; compare ratios, not absolute req/s.`)
  if (out.length === 0) out.push('Every goal is met.')
  return out
}

function pct(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)}%`
}
