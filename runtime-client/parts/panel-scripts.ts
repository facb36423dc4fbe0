// The panel-scripts part's entry (built by build.ts, served at /__deltaform/panel-scripts.<hash>.js,
// referenced only by pages whose ScriptManager has ExecutePanelScripts="true", after the core).
import { installPanelScripts } from '../panel-scripts.ts'

const me: any = document.currentScript
installPanelScripts(window, !!(me && (me.nonce || me.getAttribute('nonce'))))
