// The morph part's entry (built by build.ts, served at /__deltaform/morph.<hash>.js, loaded after
// the core by pages with an UpdatePanel whose UpdateStrategy or FocusPolicy is not the default):
// patching a panel in place, and the focus policies.
import { installMorph } from '../update-strategy.ts'

installMorph(window)
