#!/usr/bin/env node
// Registers tsx's TypeScript loader, so Deltaform's sources and the pages' .aspx.ts
// code-behind run as they are, with no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli.ts')
await main(process.argv.slice(2))
