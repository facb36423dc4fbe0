import { expect, test as base } from '@playwright/test'
import { deltaformFixtures, type DeltaformFixtures, type DifferentialOptions } from 'deltaform/testing'

// The kit as users get it: fixtures bound to the test's page.
const test = base.extend<DeltaformFixtures>(deltaformFixtures)

const time = /\d{1,2}:\d{2}:\d{2}\s?[AP]M/g
/** A label's number as it appears in decoded view state. */
const tickText = /\{"Text":"\d+"\}/g
const isoTime = /\d{2}:\d{2}:\d{2}(\.\d{3})?/g
// One seed per page in CI (set DELTAFORM_SEED to explore others); a failure prints the seed to replay.
const seed = Number(process.env.DELTAFORM_SEED) || 20260
const walk = 4

test.describe('comparePostbacks on every sample page', () => {
  test('index: following a link to a sample', async ({ comparePostbacks }) => {
    const { partial } = await comparePostbacks('/', async (page, act) => {
      await act(() => page.getByRole('link', { name: 'counter.aspx', exact: true }).click())
    })
    expect(partial.state.url).toBe('/counter.aspx')
  })

  test('postback-linkbutton: two clicks', async ({ comparePostbacks }) => {
    const { full } = await comparePostbacks('/postback-linkbutton.aspx', async (page, act) => {
      await act(() => page.getByRole('link', { name: 'Say hello' }).click())
      await act(() => page.getByRole('link', { name: 'Say hello' }).click())
    })
    expect(full.html).toContain('Clicks so far: <span id="Clicks">2</span>')
    expect(full.stats.fullPostbacks).toBe(2)
  })

  test('register: invalid, then valid', async ({ comparePostbacks }) => {
    await comparePostbacks('/register.aspx', async (page, act) => {
      await page.getByLabel('User name').fill('admin')
      await page.getByLabel('Email').fill('not an email')
      await act(() => page.getByRole('button', { name: 'Register' }).click())
      await page.getByLabel('User name').fill('ada')
      await page.getByLabel('Email').fill('ada@example.com')
      await page.getByLabel('Password', { exact: true }).fill('secret')
      await page.getByLabel('Confirm password').fill('secret')
      await page.getByLabel('Age').fill('36')
      await page.getByLabel('Plan').selectOption('pro')
      await page.getByLabel('I accept the terms').check()
      await act(() => page.getByRole('button', { name: 'Register' }).click())
      await expect(page.locator('#Result')).toContainText('Welcome, ada!')
    })
  })

  test('counter: a step change and clicks', async ({ comparePostbacks }) => {
    await comparePostbacks('/counter.aspx', async (page, act) => {
      await act(() => page.getByRole('button', { name: '+1' }).click())
      await page.getByLabel('Step').fill('3')
      await act(() => page.getByRole('button', { name: '+1' }).click())
      await act(() => page.getByRole('button', { name: '-1' }).click())
      await expect(page.locator('#Count')).toHaveText('1')
    })
  })

  test('session-counter: a count in session state survives a reload', async ({ comparePostbacks }) => {
    await comparePostbacks('/session-counter.aspx', async (page, act) => {
      await act(() => page.getByRole('button', { name: '+1' }).click())
      await act(() => page.getByRole('button', { name: '+1' }).click())
      await act(() => page.getByRole('link', { name: 'Open again' }).click())
      await expect(page.locator('#Count')).toHaveText('2')
    })
  })

  test('cache: a cached page keeps its render time; the Substitution clock stays live', async ({ page }) => {
    await page.goto('/cache.aspx?zip=60601')
    const rendered = await page.locator('#RenderedAt').textContent()
    const live = await page.locator('#live').textContent()
    await page.waitForTimeout(1100)
    await page.reload()
    await expect(page.locator('#RenderedAt')).toHaveText(rendered!)
    await expect(page.locator('#live')).not.toHaveText(live!)
    await page.goto('/cache-admin.aspx')
    await page.getByRole('button', { name: 'Invalidate "weather"' }).click()
    await expect(page.getByRole('status')).toContainText('invalidated')
    await page.goto('/cache.aspx?zip=60601')
    await expect(page.locator('#RenderedAt')).not.toHaveText(rendered!)
  })

  test('clock: the panel and its outside trigger', async ({ comparePostbacks }) => {
    const { partial, full } = await comparePostbacks(
      '/clock.aspx',
      async (page, act) => {
        await act(() => page.getByRole('button', { name: 'Get Server Time' }).click())
        await act(() => page.getByRole('button', { name: 'Refresh' }).click())
      },
      { volatile: [time] },
    )
    expect(partial.stats.asyncPostbacks).toBe(2)
    expect(partial.stats.navigations).toBe(0)
    expect(full.stats.fullPostbacks).toBe(2)
    expect(partial.stats.bytes).toBeLessThan(full.stats.bytes)
  })

  test('panels: triggers, update(), nesting and a PostBackTrigger', async ({ comparePostbacks }) => {
    const { partial } = await comparePostbacks(
      '/panels.aspx',
      async (page, act) => {
        for (const name of ['A+1', 'B+1', 'A+1 and B+1', 'Set B from A', 'Inner+1', 'Outer+1', 'A+1 (full postback)']) {
          await act(() => page.getByRole('button', { name, exact: true }).click())
        }
      },
      // Data items reach pageLoaded handlers only in async postbacks: the output differs by design.
      { ignore: ['#DataItemOut'] },
    )
    expect(partial.stats.asyncPostbacks).toBe(6)
    expect(partial.stats.fullPostbacks).toBe(1)
  })

  test('errors: focus, then a redirect', async ({ comparePostbacks }) => {
    const { partial } = await comparePostbacks('/errors.aspx', async (page, act) => {
      await page.getByLabel('Name').fill('Ada')
      await act(() => page.getByRole('button', { name: 'Focus the name box' }).click())
    })
    expect(partial.focusSet).toBe(true)
    expect(partial.state.focused).toBe('#Name')
    const redirected = await comparePostbacks('/errors.aspx', async (page, act) => {
      await act(() => page.getByRole('button', { name: 'Go to the counter' }).click())
    })
    expect(redirected.partial.state.url).toBe('/counter.aspx')
  })

  test('progress: the slow job, with the Timer stopped', async ({ comparePostbacks }) => {
    await comparePostbacks(
      '/progress.aspx',
      async (page, act) => {
        await act(() => page.getByRole('button', { name: 'Stop the timer' }).click())
        await act(() => page.getByRole('button', { name: 'Run a slow job' }).click())
        await expect(page.locator('#SlowResult')).toHaveText('The slow job finished.')
      },
      // Ticks depend on how long the page was open before the Timer stopped: the label, and its
      // text in the view state (compared decoded, as JSON).
      { ignore: ['#Ticks'], volatile: [tickText] },
    )
  })

  test('callback-hello: a callback', async ({ comparePostbacks }) => {
    const { partial } = await comparePostbacks('/callback-hello.aspx', async (page, act) => {
      await act(() => page.getByRole('button', { name: 'Call the server' }).click())
    })
    expect(partial.stats.callbacks).toBe(1)
    expect(partial.html).toContain('The passed argument was Hello, Deltaform.')
  })

  test('callback-employees: a list filled by callback', async ({ comparePostbacks }) => {
    const { full } = await comparePostbacks('/callback-employees.aspx', async (page, act) => {
      await act(() => page.getByLabel('Department').selectOption('engineering'))
    })
    expect(full.state.fields).toContainEqual(['Employees', 'Dino Diaz'])
  })

  test('callback-time: the time and an error, by callback', async ({ comparePostbacks }) => {
    await comparePostbacks(
      '/callback-time.aspx',
      async (page, act) => {
        await act(() => page.getByRole('button', { name: 'Get Server Time' }).click())
        await act(() => page.getByRole('button', { name: 'Cause a server error' }).click())
      },
      { volatile: [time] },
    )
  })

  test('callback-validator: a field checked by callback, then the form posted', async ({ comparePostbacks }) => {
    await comparePostbacks('/callback-validator.aspx', async (page, act) => {
      await page.getByLabel('User ID', { exact: true }).fill('dino')
      await act(() => page.getByLabel('User ID', { exact: true }).press('Tab'))
      await act(() => page.getByRole('button', { name: 'Create account' }).click())
    })
  })

  test('orders: paging, sorting and selecting in the panel; paging by callback', async ({ comparePostbacks }) => {
    await comparePostbacks('/orders.aspx', async (page, act) => {
      const grid = page.locator('#PanelOrders')
      await act(() => grid.getByRole('link', { name: '3', exact: true }).click())
      await act(() => grid.getByRole('link', { name: 'Total' }).click())
      await act(() => grid.getByRole('link', { name: 'Select' }).nth(1).click())
      await act(() => page.locator('#CallbackOrders').getByRole('link', { name: '2', exact: true }).click())
    })
  })
})

/** Per page: what differential needs to know, with the reason next to each exception. */
const differentialPages: Array<[string, DifferentialOptions]> = [
  ['/', {}], // no form: nothing to click, the initial page is compared
  ['/postback-linkbutton.aspx', {}],
  ['/register.aspx', {}],
  ['/counter.aspx', {}],
  ['/clock.aspx', { volatile: [time] }],
  // Data items reach pageLoaded handlers only in async postbacks.
  ['/panels.aspx', { ignore: ['#DataItemOut'] }],
  // Throw: an unhandled error is an error page after a full postback but an endRequest error
  // (shown in #ErrorOut) after an async one — different by design.
  ['/errors.aspx', { exclude: ['#Throw'] }],
  // The Timer posts back every 700 ms: stop it first so both runs see the same page; ticks
  // before it stopped depend on timing.
  [
    '/progress.aspx',
    {
      setup: async (page, act) => act(() => page.getByRole('button', { name: 'Stop the timer' }).click()),
      ignore: ['#Ticks'],
      volatile: [tickText],
    },
  ],
  // Callback pages have no postback-capable control (callbacks are not postbacks): their initial
  // state is compared; callback-validator's Create account button is.
  ['/callback-hello.aspx', {}],
  ['/callback-employees.aspx', {}],
  ['/callback-time.aspx', {}],
  ['/callback-validator.aspx', {}],
  // Fifty Select links and the paging and sorting links: two single checks per kind keep the
  // run short; the walk still picks from all of them.
  ['/orders.aspx', { maxPerGroup: 2 }],
  // Output cached: the render time and the live Substitution clock differ from run to run.
  ['/cache.aspx', { volatile: [isoTime] }],
  ['/cache-admin.aspx', { ignore: ['#Status', '#Stats'] }],
  // Each run starts with a new session (the kit clears cookies between runs).
  ['/session-counter.aspx', {}],
  // The page script counts keystrokes in the Note field from each page load: a full postback
  // starts it again, a Morph update keeps the listener and the count. FocusPolicy="Heading"
  // makes the results heading focusable (tabindex=-1) while it has the focus an async update gave it.
  ['/morph.aspx', { ignore: ['#Keystrokes', '#ResultsPanel > h3'] }],
  // The order and abort counts are the server process's, shared by both runs.
  ['/concurrency.aspx', { ignore: ['#Placed', '#Aborted'] }],
]

test.describe('differential on every sample page', () => {
  for (const [url, options] of differentialPages) {
    test(`differential ${url}`, async ({ differential }) => {
      test.setTimeout(90_000)
      const report = await differential(url, { steps: walk, seed, ...options })
      expect(report.seed).toBe(seed)
    })
  }
})
