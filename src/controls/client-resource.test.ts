import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createApp } from '../app/create-app.ts'
import { defineClientResource, findClientResource } from './client-resource.ts'

describe('control client scripts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'deltaform-resource-'))
  const file = join(dir, 'badge.client.js')
  writeFileSync(file, 'window.badge = 1;\n')
  const resource = defineClientResource('TestBadge', file)

  it('gets a content-hash URL and is found by its file name only', () => {
    expect(resource.url).toMatch(/^\/__deltaform\/TestBadge\.[0-9a-f]{8}\.js$/)
    expect(findClientResource(resource.url.slice('/__deltaform/'.length))).toBe(resource)
    expect(findClientResource('TestBadge.00000000.js')).toBeUndefined()
    expect(defineClientResource('TestBadge', file)).toBe(resource)
  })

  it('is served by the app with a long cache lifetime', async () => {
    const app = createApp({ key: '56'.repeat(32), pages: { '/x.aspx': { markup: '<p>x</p>' } } })
    const response = await app.request(resource.url)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toContain('max-age=31536000')
    expect(await response.text()).toBe('window.badge = 1;\n')
  })
})
