// The csp part's entry (built by build.ts, served at /__deltaform/csp.<hash>.js, referenced only
// by pages in nonce-CSP mode): runs the handlers those pages render as data attributes. The
// server adds `?dev` to its URL in development mode, to name handlers that cannot run.
import { installCspHandlers } from '../csp-handlers.ts'

const me: any = document.currentScript
installCspHandlers(document, !!me && /[?&]dev\b/.test(me.src))
