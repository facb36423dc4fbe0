import { expect, type Locator, type Page } from '@playwright/test'

/** The state a scenario ends in: what a user sees and what the form would post. */
export interface FinalState {
  url: string
  title: string
  form: string
  fields: Array<[string, string]>
  focused: string | null
}

/** Runs one user action and waits until it finished: an async postback's endRequest, or a page load. */
export type Act = (action: () => Promise<unknown>) => Promise<void>

/**
 * Runs `steps` on `path` with partial rendering on (async postbacks) and off
 * (`?__deltaform_partial=0`, full postbacks), and expects both runs to end in the same state.
 * In the partial run it also checks that no step navigated (a window marker survives).
 *
 * @example
 * await expectSameEnd(page, '/clock.aspx', async (act) => {
 *   await act(() => page.getByRole('button', { name: 'Refresh' }).click())
 * })
 */
export async function expectSameEnd(
  page: Page,
  path: string,
  steps: (act: Act, page: Page) => Promise<void>,
  options: { volatile?: RegExp[]; compareFocus?: boolean } = {},
): Promise<{ partial: FinalState; full: FinalState }> {
  const volatile = options.volatile ?? []
  const partial = await runScenario(page, path, true, steps)
  const full = await runScenario(page, path + (path.includes('?') ? '&' : '?') + '__deltaform_partial=0', false, steps)
  const clean = (s: FinalState): FinalState => {
    const scrub = (t: string) => volatile.reduce((acc, re) => acc.replace(re, '<volatile>'), t)
    // A clicked button outside the refreshed panels keeps its focus after an async postback,
    // while a full postback loads a new page: focus is compared only where the page sets it.
    const focused = options.compareFocus ? s.focused : null
    return { ...s, focused, url: s.url.replace(/[?&]__deltaform_partial=0/, ''), form: scrub(s.form), fields: s.fields.map(([n, v]) => [n, scrub(v)]) }
  }
  expect(clean(partial)).toEqual(clean(full))
  return { partial, full }
}

async function runScenario(page: Page, path: string, partial: boolean, steps: (act: Act, page: Page) => Promise<void>): Promise<FinalState> {
  const asyncRequests: string[] = []
  const onRequest = (request: import('@playwright/test').Request) => {
    if (request.method() === 'POST') asyncRequests.push(request.headers()['x-microsoftajax'] ?? 'none')
  }
  page.on('request', onRequest)
  await page.goto(path)
  if (partial) {
    await page.evaluate(() => {
      const w = window as any
      w.__marker = 'kept'
      w.__ended = 0
      w.Sys.WebForms.PageRequestManager.getInstance().add_endRequest(() => w.__ended++)
    })
  }
  const act: Act = async (action) => {
    if (partial) {
      const before = await page.evaluate(() => (window as any).__ended as number)
      await action()
      await page.waitForFunction((n) => (window as any).__ended > n, before)
    } else {
      await Promise.all([page.waitForEvent('load'), action()])
    }
  }
  await steps(act, page)
  page.off('request', onRequest)
  if (partial) {
    expect(await page.evaluate(() => (window as any).__marker)).toBe('kept')
    expect(asyncRequests.every((h) => h === 'Delta=true')).toBe(true)
  } else {
    expect(asyncRequests.every((h) => h === 'none')).toBe(true)
  }
  return snapshot(page)
}

/** The normalized form: no scripts, no state fields, whitespace folded, attributes sorted. */
export async function snapshot(page: Page): Promise<FinalState> {
  return page.evaluate(() => {
    const form = document.forms[0]!
    const clone = form.cloneNode(true) as HTMLFormElement
    clone.querySelectorAll('script, .aspNetHidden, input[type=hidden], span[style*="display: none"], span[style*="display:none !important"]').forEach((e) => e.remove())
    const normalize = (el: Element): string => {
      const attrs = [...el.attributes]
        .filter((a) => !['action', 'style'].includes(a.name) || el.tagName !== 'FORM')
        .map((a) => `${a.name}="${a.name === 'style' ? a.value.replace(/\s+/g, '') : a.value}"`)
        .sort()
        .join(' ')
      const children = [...el.childNodes]
        .map((n) => (n.nodeType === 3 ? (n.textContent ?? '').replace(/\s+/g, ' ') : n.nodeType === 1 ? normalize(n as Element) : ''))
        .join('')
        .replace(/\s+/g, ' ')
      return `<${el.tagName.toLowerCase()}${attrs ? ' ' + attrs : ''}>${children}</${el.tagName.toLowerCase()}>`
    }
    const fields: Array<[string, string]> = []
    for (const el of [...form.elements] as HTMLInputElement[]) {
      if (!el.name || el.type === 'hidden' || el.type === 'submit' || el.type === 'button') continue
      if ((el.type === 'checkbox' || el.type === 'radio') && !el.checked) continue
      fields.push([el.name, el.value])
    }
    return {
      url: location.pathname + location.search,
      title: document.title,
      form: normalize(clone),
      fields,
      focused: document.activeElement && document.activeElement !== document.body ? document.activeElement.id || (document.activeElement as HTMLInputElement).name : null,
    }
  })
}

/** Clicks a button by its accessible name. */
export function button(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true })
}
