// The Deltaform sample site as the bench loads it: production mode, the signing key from
// DELTAFORM_KEY (the bench process sets a fixed one), its own process.
//   node --import tsx bench/servers/deltaform.ts --port N
import { join } from 'node:path'
import { createApp } from '../../src/app/create-app.ts'
import { listen } from './listen.ts'

listen(createApp({ pages: join(import.meta.dirname, '../../samples/pages'), mode: 'production' }).fetch)
