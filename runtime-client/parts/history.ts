// The history part's entry (built by build.ts, served at /__deltaform/history.<hash>.js, loaded
// after the core by pages whose ScriptManager has EnableHistory="true", before the
// ScriptManager's Sys.Application.setServerId(...) script): partial-page history.
import { installHistory } from '../history.ts'

installHistory(window)
