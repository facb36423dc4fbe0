// The components part's entry (built by build.ts, served at /__deltaform/components.<hash>.js,
// loaded after the core): Sys.UI._Timer and Sys.UI._UpdateProgress.
import { installComponents } from '../components.ts'

installComponents(window)
