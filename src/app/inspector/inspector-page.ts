import { htmlEncode } from '../../render/encode.ts'
import type { InspectedRequest } from './request-log.ts'

// Plain HTML and one <style> element: no script and no style attributes, so the page works
// under the app's Content-Security-Policy in every mode.
const style = `
body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#222}
h1{font-size:1.3rem}
details{border:1px solid #ccc;border-radius:4px;margin:.4rem 0;padding:.3rem .6rem}
summary{cursor:pointer}
summary span{display:inline-block;margin-right:1rem}
.warn{color:#a40}
table{border-collapse:collapse;margin:.4rem 0 .8rem}
th,td{border:1px solid #ddd;padding:.15rem .5rem;text-align:left;vertical-align:top}
td.num{text-align:right}
code,pre{font:12px/1.3 ui-monospace,monospace}
pre{margin:0;white-space:pre-wrap;word-break:break-all;max-width:70rem}
`

/**
 * The inspector's HTML: the recorded requests, newest first, each a `<details>` with its
 * decoded delta, view state per control, phase timings and warnings. Everything shown is
 * HTML-encoded — request paths and delta contents come from users.
 *
 * @example
 * c.html(renderInspectorPage(log.newestFirst(), { viewStateBudgetBytes: 8192, capacity: 50 }))
 */
export function renderInspectorPage(requests: InspectedRequest[], options: { viewStateBudgetBytes: number; capacity: number; nonce?: string }): string {
  const nonce = options.nonce ? ` nonce="${htmlEncode(options.nonce)}"` : ''
  const body = requests.length ? requests.map(renderRequest).join('\n') : '<p>No page requests yet. Open a page of the app, then reload this one.</p>'
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<title>Deltaform inspector</title>
<style${nonce}>${style}</style>
</head>
<body>
<h1>Deltaform inspector</h1>
<p>The last ${options.capacity} page requests of this server instance, newest first. View-state budget: ${options.viewStateBudgetBytes} bytes.
<a href="/__deltaform">Reload</a> · <a href="/__deltaform?format=json">JSON</a></p>
${body}
</body>
</html>`
}

function renderRequest(r: InspectedRequest): string {
  const warnings = r.warnings.length ? ` <span class="warn">${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''}</span>` : ''
  const summary =
    `<span>#${r.seq}</span><span>${htmlEncode(r.time.slice(11, 23))}</span><span>${htmlEncode(r.method)}</span>` +
    `<span><code>${htmlEncode(r.path)}</code></span><span class="kind">${htmlEncode(r.kind ?? 'refused')}</span>` +
    `<span>${r.status}</span><span>${r.totalMs.toFixed(2)} ms</span>` +
    (r.panelsRefreshed.length ? `<span>panels: ${htmlEncode(r.panelsRefreshed.join(', '))}</span>` : '') +
    (r.viewStateBytes !== undefined ? `<span>view state: ${r.viewStateBytes} B</span>` : '') +
    warnings
  const parts = [
    r.warnings.length ? section('Warnings', `<ul class="warnings">${r.warnings.map((w) => `<li class="warn"><code>${htmlEncode(w.code)}</code> ${htmlEncode(w.message)}</li>`).join('')}</ul>`) : '',
    r.delta ? section('Delta', table('delta', ['type', 'id', 'length', 'content (start)'], r.delta.map((d) => [d.type, d.id, d.length, d.preview]))) : '',
    r.viewStateByControl.length
      ? section('View state by control (JSON bytes before compression)', table('view-state', ['control', 'type', 'bytes'], r.viewStateByControl.map((v) => [v.control, v.type, v.bytes])))
      : '',
    r.phases.length ? section('Phases (ms)', table('phases', ['phase', 'ms'], r.phases.map(([name, ms]) => [name, ms.toFixed(2)]))) : '',
  ].join('')
  return `<details data-seq="${r.seq}"><summary>${summary}</summary>${parts || '<p>Nothing more was recorded.</p>'}</details>`
}

function section(title: string, content: string): string {
  return `<h3>${htmlEncode(title)}</h3>${content}`
}

function table(name: string, head: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => (typeof v === 'number' ? `<td class="num">${v}</td>` : `<td><pre>${htmlEncode(v)}</pre></td>`)
  return `<table class="${name}"><thead><tr>${head.map((h) => `<th>${htmlEncode(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('')}</tbody></table>`
}
