import { existsSync, readFileSync } from 'node:fs'
import { HttpError, MarkupError } from '../errors.ts'
import { htmlEncode } from '../render/encode.ts'

/** Where in a markup file an error points. */
interface MarkupLocation {
  file: string
  line: number
  column?: number
}

function locate(error: unknown): MarkupLocation | null {
  if (error instanceof MarkupError) return { file: error.file, line: error.line, column: error.column }
  const e = error as { markupFile?: string; markupLine?: number }
  if (e && typeof e.markupFile === 'string' && typeof e.markupLine === 'number') return { file: e.markupFile, line: e.markupLine }
  return null
}

function sourceExcerpt(location: MarkupLocation): string {
  if (!existsSync(location.file)) return ''
  const lines = readFileSync(location.file, 'utf8').split(/\r\n|\r|\n/)
  const from = Math.max(1, location.line - 3)
  const to = Math.min(lines.length, location.line + 3)
  let out = ''
  for (let n = from; n <= to; n++) {
    const mark = n === location.line ? ' class="at"' : ''
    out += `<span${mark}>${String(n).padStart(4)}: ${htmlEncode(lines[n - 1])}</span>\n`
  }
  return `<pre class="source">${out}</pre>`
}

/**
 * The page sent when a request fails. A client's mistake (HttpError) shows its message in
 * every mode; anything else shows the message, the markup location and the stack only in
 * development, and a generic sentence in production.
 *
 * @example
 * const { status, html } = renderErrorPage(error, { development: true })
 */
export function renderErrorPage(error: unknown, options: { development: boolean }): { status: number; html: string } {
  const status = error instanceof HttpError ? error.status : 500
  const title = status === 500 ? 'Server error' : `Bad request (${status})`
  let body: string
  if (error instanceof HttpError) {
    body = `<p class="message">${htmlEncode(error.message)}</p>`
  } else if (!options.development) {
    body = '<p class="message">An error occurred while processing your request.</p>'
  } else {
    const e = error as Error
    const location = locate(error)
    const where = location ? `<p class="where">${htmlEncode(location.file)}, line ${location.line}${location.column ? `, column ${location.column}` : ''}</p>` : ''
    const message = error instanceof MarkupError ? error.reason : (e?.message ?? String(error))
    body =
      `<p class="message">${htmlEncode(message)}</p>${where}` +
      (location ? sourceExcerpt(location) : '') +
      `<details><summary>Stack trace</summary><pre>${htmlEncode(e?.stack ?? '')}</pre></details>`
  }
  const html =
    `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${htmlEncode(title)}</title>` +
    '<style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:60rem}h1{color:#a00}' +
    '.message{font-size:1.1rem}.source{background:#f6f6f6;padding:.5rem}.at{background:#fdd;display:block}</style>' +
    `</head><body><h1>${htmlEncode(title)}</h1>${body}</body></html>`
  return { status, html }
}
