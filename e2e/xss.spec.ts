import { randomBytes } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { expect, test, type Page } from '@playwright/test'
import { createApp } from 'deltaform'
import { describeMarker, xssPayloads } from './xss/corpus.ts'
import { asParsed, findInjections, pageSinksUrl, provokeHandlers, rawSinks, sinkName, sinkPayload, wellFormed, xssPages, xssSinks } from './xss/fixture.ts'

// Hardening, item 4: XSS. Every payload of the corpus (e2e/xss/corpus.ts) goes through every
// text-bearing control property and data path of e2e/xss/fixture.ts — on the first GET, after a
// full postback and after an async postback (the delta path) — and through the error pages in
// development and production. Chromium records every call of the marker `__xss(id)`, `alert`,
// `confirm`, `prompt` and `print`, and every dialog; after each step every element gets the
// events a handler could wait for, is focused, and the DOM oracle looks for markup a payload
// became. Zero script executions is the only passing result. The raw-HTML APIs are checked to
// fire, so the harness is known to be able to fail. The pages are served by apps created here:
// the samples site is untouched.

interface Server {
  origin: string
  close: () => Promise<void>
}

async function startServer(mode: 'development' | 'production'): Promise<Server> {
  const app = createApp({ pages: xssPages(), key: randomBytes(32).toString('hex'), mode })
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => {
      const { port } = server.address() as AddressInfo
      resolve({ origin: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) })
    })
  })
}

let development: Server
let production: Server
const consoleError = console.error

test.beforeAll(async () => {
  // The fixture fails on purpose; the server would log each of those errors with its stack.
  console.error = (...args: unknown[]) => {
    if (!args.some((a) => (a as { xssFixture?: boolean } | null)?.xssFixture)) consoleError(...args)
  }
  development = await startServer('development')
  production = await startServer('production')
})

test.afterAll(async () => {
  console.error = consoleError
  await development?.close()
  await production?.close()
})

/** What ran in the page: marker calls, dialogs, and the errors a payload in a foreign frame causes. */
interface Recorder {
  hits: string[]
  errors: string[]
}

/** Installs the recorder before any page script runs, in every frame and across navigations. */
async function recordScripts(page: Page): Promise<Recorder> {
  const recorder: Recorder = { hits: [], errors: [] }
  const explain = (text: string) => text.replace(/\d+/, (id) => `${id} = ${describeMarker(Number(id), sinkName)}`)
  await page.exposeBinding('__xssHit', ({ frame }, kind: string, id: string) => {
    recorder.hits.push(`${kind}(${explain(id)}) in ${frame.url().slice(0, 120)}`)
  })
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>
    const report = (kind: string) => (arg?: unknown) => {
      void (w.__xssHit as (kind: string, id: string) => Promise<void>)(kind, String(arg))
      return kind === 'confirm' ? false : kind === 'prompt' ? null : undefined
    }
    w.__xss = report('__xss')
    w.alert = report('alert')
    w.confirm = report('confirm')
    w.prompt = report('prompt')
    w.print = report('print')
  })
  page.on('dialog', (dialog) => {
    recorder.hits.push(`dialog ${dialog.type()}: ${explain(dialog.message())}`)
    void dialog.dismiss().catch(() => undefined)
  })
  page.on('pageerror', (error) => recorder.errors.push(error.message))
  page.on('console', (message) => {
    // A payload running in an opaque (data:) frame cannot reach the marker: it fails loudly.
    if (message.type() === 'error' && /__xss is not defined|Blocked a frame/.test(message.text())) recorder.hits.push(`console: ${message.text()}`)
  })
  return recorder
}

const oracleSource = `(${findInjections.toString()})`
const provokeSource = `(${provokeHandlers.toString()})`

/** Fires handlers on everything and focuses it, then asserts nothing ran and nothing was injected. */
async function probe(page: Page, recorder: Recorder, step: string): Promise<void> {
  const injections = await page.evaluate(
    async ([oracle, provoke]) => {
      // Test harness only: the two checks are shipped to the page as source.
      ;(0, eval)(provoke!)(document)
      await new Promise((resolve) => setTimeout(resolve, 30)) // media errors, focus handlers
      return (0, eval)(oracle!)(document) as string[]
    },
    [oracleSource, provokeSource],
  )
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20))) // the recorder's binding calls
  expect(recorder.hits, `scripts ran (${step})`).toEqual([])
  expect(injections, `markup a payload became (${step})`).toEqual([])
  expect(recorder.errors, `page errors (${step})`).toEqual([])
}

/** document.title as Chromium gives it back: runs of control characters and spaces as one space, no ends. */
const asTitle = (s: string) => s.replace(/[\u0000-\u0020\u007f]+/g, ' ').replace(/^ | $/g, '')

/** What the control page's text sinks must show for each payload: encoding, not deletion, made them safe. */
function expectedTexts() {
  return xssPayloads.map((_, p) => ({
    p,
    label: asParsed(sinkPayload(p, 'LabelText')),
    title: asParsed(sinkPayload(p, 'LabelTitleAttribute'), 'attribute'),
    multiLine: asParsed(sinkPayload(p, 'TextBoxMultiLine'), 'attribute').replace(/^\n/, ''),
    bound: asParsed(sinkPayload(p, 'GridBoundField')),
    repeater: asParsed(sinkPayload(p, 'RepeaterEncoded')),
    option: asParsed(sinkPayload(p, 'DropDownListItemText')),
  }))
}

/** Compares the text sinks of every payload item in the page; returns the differences. */
async function textMismatches(page: Page): Promise<string[]> {
  return page.evaluate((expected) => {
    const out: string[] = []
    for (const e of expected) {
      const item = document.querySelector(`.payload[data-p="${e.p}"]`)
      if (!item) {
        out.push(`#${e.p}: no item`)
        continue
      }
      const actual = {
        p: e.p,
        label: item.querySelector('[id$="_LabelText"]')?.textContent,
        title: item.querySelector('[id$="_LabelAttributes"]')?.getAttribute('title'),
        multiLine: (item.querySelector('[id$="_BoxMultiLine"]') as HTMLTextAreaElement | null)?.value,
        bound: item.querySelector('[id$="_Grid"] tr:nth-child(2) td')?.textContent,
        repeater: item.querySelector('.rep')?.textContent,
        option: item.querySelector('[id$="_Drop"] option:nth-child(2)')?.textContent,
      }
      for (const key of Object.keys(e) as Array<keyof typeof e>) {
        if (actual[key] !== e[key]) out.push(`#${e.p} ${key}: ${JSON.stringify(actual[key])} instead of ${JSON.stringify(e[key])}`)
      }
    }
    return out
  }, expectedTexts())
}

/**
 * Puts each payload in its item's posted TextBox and HiddenField, as a user and a script would.
 * Lone surrogates are left out: no keyboard types them, and the client cannot post them (see
 * the report: encodeURIComponent throws).
 */
async function fillPosted(page: Page): Promise<Array<{ p: number; text: string; hidden: string }>> {
  const values = xssPayloads.map((_, p) => ({ p, text: wellFormed(sinkPayload(p, 'PostedText')), hidden: wellFormed(sinkPayload(p, 'PostedHidden')) }))
  await page.evaluate((all) => {
    for (const v of all) {
      const item = document.querySelector(`.payload[data-p="${v.p}"]`)!
      ;(item.querySelector('[id$="_Echo"]') as HTMLInputElement).value = v.text
      ;(item.querySelector('[id$="_PostedHidden"]') as HTMLInputElement).value = v.hidden
    }
  }, values)
  return values
}

/** The posted values came back as text: in the TextBox, the HiddenField and the echo Labels. */
async function expectPostedEchoes(page: Page, posted: Array<{ p: number; text: string; hidden: string }>): Promise<void> {
  const shown = await page.evaluate(
    (all) =>
      all.map((v) => {
        const item = document.querySelector(`.payload[data-p="${v.p}"]`)!
        return {
          p: v.p,
          text: item.querySelector('[id$="_EchoLabel"]')?.textContent,
          hidden: item.querySelector('[id$="_PostedHiddenLabel"]')?.textContent,
        }
      }),
    posted,
  )
  // A text input drops line breaks; a form post sends the others as CR LF (read back as LF).
  expect(shown).toEqual(posted.map((v) => ({ p: v.p, text: asParsed(v.text.replace(/[\r\n]/g, '')), hidden: asParsed(v.hidden) })))
}

test('XSS: every payload × every control sink, on GET, full postback and async postback', async ({ page }) => {
  test.setTimeout(90_000)
  const recorder = await recordScripts(page)
  await page.goto(development.origin + '/xss.aspx')
  await probe(page, recorder, 'first GET')
  expect(await textMismatches(page)).toEqual([])

  // Full postback: every sink comes back from view state; posted values echo; validators fail.
  let posted = await fillPosted(page)
  await Promise.all([page.waitForEvent('load'), page.locator('#FullPost').click()])
  await probe(page, recorder, 'full postback')
  expect(await textMismatches(page)).toEqual([])
  await expectPostedEchoes(page, posted)
  expect(await page.locator('div[role="alert"]').count()).toBe(xssPayloads.length * 3) // every summary shows

  // Async postback: the whole panel comes back in the delta.
  posted = await fillPosted(page)
  // Marks to tell the delta was applied (the panel's content replaced) without a page load.
  await page.evaluate(() => {
    document.querySelector('.payload')!.setAttribute('data-stale', '')
    ;(window as unknown as { __samePage: boolean }).__samePage = true
  })
  await Promise.all([page.waitForResponse((r) => r.request().headers()['x-microsoftajax'] === 'Delta=true'), page.locator('#AsyncPost').click()])
  await page.waitForFunction(() => !(window as any).Sys.WebForms.PageRequestManager.getInstance().get_isInAsyncPostBack())
  expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true)
  expect(await page.locator('[data-stale]').count()).toBe(0)
  await probe(page, recorder, 'async postback')
  expect(await textMismatches(page)).toEqual([])
  await expectPostedEchoes(page, posted)
  expect(await page.locator('div[role="alert"]').count()).toBe(xssPayloads.length * 3)
})

/** One page load in a frame: the URL, then optionally a tampered list value or a field to set and a button to click. */
interface FrameVisit {
  url: string
  /** Posts the form with this value as `#Drop`'s first option (a value the server never rendered). */
  tamper?: string
  /** Sets the value of the element with this id… */
  set?: { id: string; value: string }
  /** …then clicks this button and waits for the next page, or half a second. */
  click?: string
}

/**
 * Loads each URL in a same-origin frame of the page (the recorder runs there too; four frames
 * at a time), does what the visit says, fires the handlers and runs the oracle in the frame, and
 * returns what `read` (page-side source) reads there, in order.
 */
async function visitInFrame<T>(page: Page, visits: FrameVisit[], read: string): Promise<Array<{ read: T; injections: string[] }>> {
  return page.evaluate(
    async ([all, oracleText, provokeText, readText]) => {
      const oracle = (0, eval)(oracleText as string) as (doc: Document) => string[]
      const provoke = (0, eval)(provokeText as string) as (doc: Document) => number
      const reader = (0, eval)(readText as string) as (doc: Document) => unknown
      const list = all as FrameVisit[]
      const out: unknown[] = new Array(list.length)
      let next = 0
      const lane = async () => {
        const frame = document.createElement('iframe')
        document.body.append(frame)
        const loaded = (action: () => void, timeout?: number) =>
          new Promise<Document>((resolve) => {
            const done = () => resolve(frame.contentDocument!)
            frame.addEventListener('load', done, { once: true })
            if (timeout) setTimeout(done, timeout)
            action()
          })
        while (next < list.length) {
          const index = next++
          const visit = list[index]!
          let doc = await loaded(() => (frame.src = visit.url))
          const current = doc
          if (!current) throw new Error(`${visit.url} did not load in the frame`)
          if (visit.tamper !== undefined) {
            const option = current.querySelector('#Drop option') as HTMLOptionElement
            option.value = visit.tamper
            option.selected = true
            doc = await loaded(() => (current.getElementById('FullPost') as HTMLInputElement).click())
          }
          if (visit.set) (current.getElementById(visit.set.id) as HTMLInputElement).value = visit.set.value
          if (visit.click) doc = await loaded(() => (current.getElementById(visit.click!) as HTMLInputElement).click(), 500)
          if (!doc) {
            // The frame left the origin (a redirect to another site or an opaque URL).
            out[index] = { read: null, injections: [], left: visit }
            continue
          }
          provoke(doc)
          await new Promise((resolve) => setTimeout(resolve, 5))
          out[index] = { read: reader(doc), injections: oracle(doc) }
        }
        frame.remove()
      }
      await Promise.all([lane(), lane(), lane(), lane()])
      return out
    },
    [visits, oracleSource, provokeSource, read] as const,
  ) as Promise<Array<{ read: T; injections: string[] }>>
}

test('XSS: page-level sinks (title, focus, expando, hidden field, query string) on GET, per payload', async ({ page }) => {
  test.setTimeout(90_000)
  const recorder = await recordScripts(page)
  await page.goto(development.origin + pageSinksUrl(0))
  await probe(page, recorder, 'GET')
  const read = `(doc) => ({
    title: doc.title,
    query: doc.getElementById('QueryLabel').textContent,
    queryBox: doc.getElementById('QueryBox').value,
    expando: doc.getElementById('ExpandoTarget').title,
    registeredHidden: doc.getElementById('XssRegisteredHidden').value,
  })`
  type Shown = { title: string; query: string; queryBox: string; expando: string; registeredHidden: string }
  const results = await visitInFrame<Shown>(page, xssPayloads.map((_, p) => ({ url: pageSinksUrl(p) })), read)
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50))) // the recorder's binding calls
  expect(recorder.hits, 'scripts ran').toEqual([])
  expect(recorder.errors, 'page errors').toEqual([])
  expect(results.map((r) => ({ ...r, read: { ...r.read, title: asTitle(r.read.title) } }))).toEqual(
    xssPayloads.map((_, p) => {
      const query = wellFormed(sinkPayload(p, 'QueryString'))
      return {
        read: {
          title: asTitle(asParsed(sinkPayload(p, 'PageTitle'), 'attribute')),
          query: asParsed(query),
          // An input's value loses line breaks.
          queryBox: asParsed(query, 'attribute').replace(/[\r\n]/g, ''),
          // Set by a startup script from a JS string: exactly the payload.
          expando: wellFormed(sinkPayload(p, 'Expando')),
          registeredHidden: asParsed(sinkPayload(p, 'RegisteredHidden'), 'attribute'),
        },
        injections: [],
      }
    }),
  )
})

test('XSS: page-level sinks in async postbacks (title, data items, focus, expando, errors), per payload', async ({ page }) => {
  test.setTimeout(90_000)
  const recorder = await recordScripts(page)
  await page.goto(development.origin + pageSinksUrl(0))
  const inputs = xssPayloads.map((_, p) => ({ p, echo: wellFormed(sinkPayload(p, 'PostedText')) }))
  // One page, one async postback after another, driven in the page (a round trip each).
  const results = await page.evaluate(
    async ([all, oracleText, provokeText]) => {
      const oracle = (0, eval)(oracleText as string) as (doc: Document) => string[]
      const provoke = (0, eval)(provokeText as string) as (doc: Document) => number
      const w = window as unknown as { __ends: number }
      const $ = (id: string) => document.getElementById(id) as HTMLInputElement
      const post = async (button: string) => {
        const before = w.__ends
        $(button).click()
        const started = Date.now()
        while (w.__ends === before) {
          if (Date.now() - started > 10_000) throw new Error(`no endRequest after ${button}`)
          await new Promise((resolve) => setTimeout(resolve, 5))
        }
      }
      const out = []
      for (const input of all as Array<{ p: number; echo: string }>) {
        $('Which').value = String(input.p)
        $('Echo').value = input.echo
        await post('AsyncPost')
        provoke(document)
        const injections = oracle(document)
        const shown = {
          p: input.p,
          title: document.title,
          dataString: $('DataStringOut').textContent,
          dataJson: $('DataJsonOut').textContent,
          echo: $('EchoLabel').textContent,
          expando: $('ExpandoTarget').title,
          registeredHidden: $('XssRegisteredHidden').value,
          errors: [] as Array<string | null>,
          injections,
        }
        for (const button of ['BoomMessage', 'BoomException', 'BoomHttp']) {
          await post(button)
          shown.errors.push($('ErrorOut').textContent)
        }
        out.push(shown)
      }
      return out
    },
    [inputs, oracleSource, provokeSource] as const,
  )
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)))
  expect(recorder.hits, 'scripts ran').toEqual([])
  expect(recorder.errors, 'page errors').toEqual([])
  const error = (p: number, key: string) => `Sys.WebForms.PageRequestManagerServerErrorException: ${wellFormed(sinkPayload(p, key))}`
  const received = results.map((r) => ({ ...r, title: asTitle(r.title), dataJson: wellFormed(r.dataJson ?? '') }))
  expect(received).toEqual(
    xssPayloads.map((_, p) => ({
      p,
      // Set by the client from the delta.
      title: asTitle(wellFormed(sinkPayload(p, 'PageTitle'))),
      dataString: wellFormed(sinkPayload(p, 'DataItemString')),
      dataJson: wellFormed(sinkPayload(p, 'DataItemJson')),
      echo: asParsed(inputs[p]!.echo.replace(/[\r\n]/g, '')),
      expando: wellFormed(sinkPayload(p, 'Expando')),
      registeredHidden: wellFormed(sinkPayload(p, 'RegisteredHidden')),
      errors: [error(p, 'AsyncErrorMessage'), error(p, 'AsyncExceptionMessage'), error(p, 'AsyncHttpError')],
      injections: [],
    })),
  )
})

for (const mode of ['development', 'production'] as const) {
  test(`XSS: ${mode} error pages show payloads as text`, async ({ page }) => {
    test.setTimeout(90_000)
    const recorder = await recordScripts(page)
    const origin = (mode === 'development' ? development : production).origin
    await page.goto(origin + pageSinksUrl(0))
    // Per payload: an HttpError page, an exception page; in development also a 404 naming the
    // path and a 400 naming a tampered list value (HttpErrors render alike in both modes).
    const visits = xssPayloads.flatMap((_, p) => [
      { url: pageSinksUrl(p, '&fail=http') },
      { url: pageSinksUrl(p, '&fail=error') },
      ...(mode === 'development'
        ? [{ url: `/missing/${encodeURIComponent(wellFormed(sinkPayload(p, 'NotFoundPath')))}.aspx` }, { url: pageSinksUrl(p), tamper: wellFormed(sinkPayload(p, 'EventValidationValue')) }]
        : []),
    ])
    const results = await visitInFrame<string | null>(page, visits, `(doc) => doc.querySelector('.message')?.textContent ?? null`)
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50))) // the recorder's binding calls
    expect(recorder.hits, 'scripts ran').toEqual([])
    expect(recorder.errors, 'page errors').toEqual([])
    const perPayload = mode === 'development' ? 4 : 2
    for (const [p] of xssPayloads.entries()) {
      const [http, exception, missing, tampered] = results.slice(p * perPayload, (p + 1) * perPayload)
      expect(http, `#${p} HttpError page`).toEqual({ read: asParsed(sinkPayload(p, 'ErrorPageHttpError')), injections: [] })
      const message = mode === 'development' ? asParsed(sinkPayload(p, 'ErrorPageException')) : 'An error occurred while processing your request.'
      expect(exception, `#${p} exception page`).toEqual({ read: message, injections: [] })
      if (mode === 'production') continue
      expect(missing!.injections, `#${p} 404 page`).toEqual([])
      expect(missing!.read, `#${p} 404 page`).toMatch(/^No page or file answers \/missing\//)
      expect(tampered!.injections, `#${p} event validation page`).toEqual([])
      expect(tampered!.read, `#${p} event validation page`).toContain('Invalid postback or callback argument')
    }
  })
}

test('XSS: the raw-HTML APIs do emit markup, in the page and in a frame (the harness can fail)', async ({ page }) => {
  const recorder = await recordScripts(page)
  await page.goto(development.origin + '/raw.aspx')
  const raw = rawSinks.filter((s) => s.raw).map((s) => s.id)
  const injections = await page.evaluate(
    async ([oracle, provoke]) => {
      ;(0, eval)(provoke!)(document)
      await new Promise((resolve) => setTimeout(resolve, 30))
      return (0, eval)(oracle!)(document) as string[]
    },
    [oracleSource, provokeSource],
  )
  expect(injections).toHaveLength(raw.length)
  const fired = () => [...new Set(recorder.hits.map((h) => Number(/\((\d+)/.exec(h)?.[1])))].sort()
  await expect.poll(fired).toEqual([...raw].sort())
  // The same page in a frame, as the error-page check loads pages: the recorder sees it too.
  recorder.hits.length = 0
  await page.evaluate(() => {
    const frame = document.createElement('iframe')
    frame.src = '/raw.aspx'
    document.body.append(frame)
  })
  await expect.poll(fired).toEqual([...raw].sort())
})

const scriptUrls = xssPayloads.flatMap((payload, p) => (payload.context === 'url' ? [p] : []))

/** Posts `Page.redirect(url)` for every URL payload (in frames); returns the recorder afterwards. */
async function redirectEach(page: Page, button: 'Go' | 'FullGo'): Promise<Recorder> {
  const recorder = await recordScripts(page)
  await page.goto(development.origin + '/xss-redirect.aspx')
  const visits = scriptUrls.map((p) => ({ url: '/xss-redirect.aspx', set: { id: 'Next', value: sinkPayload(p, 'Redirect') }, click: button }))
  await visitInFrame(page, visits, '() => null')
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50))) // the recorder's binding calls
  return recorder
}

test('XSS: Page.redirect to a script URL in a full postback runs nothing', async ({ page }) => {
  const recorder = await redirectEach(page, 'FullGo')
  expect(recorder.hits, 'scripts ran').toEqual([])
  expect(recorder.errors, 'page errors').toEqual([])
})

test('XSS: Page.redirect to a script URL in an async postback runs nothing', async ({ page }) => {
  // redirect() refuses script URLs (400, reaching endRequest as a server error naming the
  // target), and the client never navigates to one either.
  const recorder = await redirectEach(page, 'Go')
  expect(recorder.hits, 'scripts ran').toEqual([])
  expect(recorder.errors.length).toBeGreaterThan(0)
  for (const error of recorder.errors) expect(error).toMatch(/^Sys\.WebForms\.PageRequestManagerServerErrorException: redirect\(\) refused the target '/)
})

test('XSS: the corpus and sinks are what the report counts', () => {
  // Control sinks × payloads run on GET, full and async postback; page-level sinks per payload.
  expect(xssPayloads.length).toBeGreaterThanOrEqual(50)
  expect(xssSinks.length).toBeGreaterThanOrEqual(90)
})
