// The same page as panel-scripts-on.aspx; only its markup's ScriptManager differs (no ExecutePanelScripts).
export { default } from './panel-scripts-on.aspx.ts'
