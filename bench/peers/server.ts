// The htmx peer in its own process:  node --import tsx bench/peers/server.ts --port N
import { listen } from '../servers/listen.ts'
import { createHtmxApp } from './htmx-app.ts'

listen(createHtmxApp().fetch)
