// The callbacks part's entry (built by build.ts, served at /__deltaform/callbacks.<hash>.js,
// loaded after the core and, on a first load, before the PageRequestManager's _initialize, which
// wraps it): WebForm_DoCallback & co.
import { installCallbacks } from '../callbacks.ts'

installCallbacks(window)
