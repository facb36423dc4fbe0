/**
 * The record types of the ASP.NET AJAX delta response (PROTOCOL.md §2.3), and the fixed
 * ids some of them use.
 *
 * @example
 * encodeRecord(DeltaToken.updatePanel, 'UpdatePanel1', html)
 */
export const DeltaToken = {
  version: '#',
  updatePanel: 'updatePanel',
  hiddenField: 'hiddenField',
  asyncPostBackControlIDs: 'asyncPostBackControlIDs',
  postBackControlIDs: 'postBackControlIDs',
  updatePanelIDs: 'updatePanelIDs',
  childUpdatePanelIDs: 'childUpdatePanelIDs',
  panelsToRefreshIDs: 'panelsToRefreshIDs',
  asyncPostBackTimeout: 'asyncPostBackTimeout',
  formAction: 'formAction',
  pageTitle: 'pageTitle',
  dataItem: 'dataItem',
  dataItemJson: 'dataItemJson',
  arrayDeclaration: 'arrayDeclaration',
  scriptBlock: 'scriptBlock',
  fallbackScript: 'fallbackScript',
  scriptStartupBlock: 'scriptStartupBlock',
  expando: 'expando',
  onSubmit: 'onSubmit',
  scriptDispose: 'scriptDispose',
  focus: 'focus',
  pageRedirect: 'pageRedirect',
  error: 'error',
} as const

/**
 * The ids of `scriptBlock` / `scriptStartupBlock` records.
 *
 * @example
 * encodeRecord(DeltaToken.scriptBlock, ScriptKind.path, '/lib.js')
 */
export const ScriptKind = {
  noTags: 'ScriptContentNoTags',
  withTags: 'ScriptContentWithTags',
  path: 'ScriptPath',
} as const

/**
 * The delta format version Deltaform writes (ASP.NET 4.x).
 *
 * @example
 * encodeRecord(DeltaToken.version, '', deltaVersion) // '1|#||4|'
 */
export const deltaVersion = '4'
