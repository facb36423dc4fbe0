// The limit: a bare Hono app answering with fixed HTML strings (Deltaform's own GET answers,
// captured by the bench process and passed as a JSON file of path → html).
//   node --import tsx bench/servers/raw-hono.ts --pages captured.json --port N
import { readFileSync } from 'node:fs'
import { Hono } from 'hono'
import { argument, listen } from './listen.ts'

const pages: Record<string, string> = JSON.parse(readFileSync(argument('pages', ''), 'utf8'))
const app = new Hono()
for (const [path, html] of Object.entries(pages)) app.get(path, (c) => c.html(html))
listen(app.fetch)
