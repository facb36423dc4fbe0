#!/usr/bin/env node
// Deltaform's sources and the pages' .aspx.ts code-behind run as they are, with no build step.
import { registerTypeScriptLoader } from '../src/app/register-loader.js'

registerTypeScriptLoader()
const { main } = await import('../src/cli.ts')
await main(process.argv.slice(2))
