// UpdatePanel / trigger ID lists and the "is this postback async?" DOM walk (PROTOCOL.md §1.1, §1.3).
// Pure: works on any object holding the lists (the PageRequestManager itself) and any DOM.
import { byId } from './events.ts'

/**
 * The control lists the PageRequestManager keeps, under their ASP.NET AJAX names.
 *
 * @example
 * const lists: ControlLists = processArrays(['tUP1', ''], [], [], true)
 */
export interface ControlLists {
  _updatePanelIDs: string[]
  _updatePanelClientIDs: string[]
  _updatePanelHasChildrenAsTriggers: boolean[]
  _asyncPostBackControlIDs: string[]
  _asyncPostBackControlClientIDs: string[]
  _postBackControlIDs: string[]
  _postBackControlClientIDs: string[]
}

/**
 * What a postback should do: `async` false means "let the full postback happen".
 *
 * @example
 * const s: PostBackSettings = { async: true, panelsToUpdate: ['UpdatePanel1'], asyncTarget: 'Button1' }
 */
export interface PostBackSettings {
  async: boolean
  panelsToUpdate?: string[] | null
  asyncTarget?: string
  sourceElement?: any
}

/**
 * The AutoID client id of a UniqueID: every `$` becomes `_`.
 *
 * @example
 * toClientID('NC1$UP2') // 'NC1_UP2'
 */
export const toClientID = (uniqueID: string): string => uniqueID.replace(/\$/g, '_')

/**
 * The UniqueID of the panel with ClientID `id`; other ids as they are.
 *
 * @example
 * panelUniqueID(prm, 'NC1_UP2') // 'NC1$UP2'
 */
export function panelUniqueID(lists: ControlLists, id: string): string {
  const i = lists._updatePanelClientIDs.indexOf(id)
  return i < 0 ? id : lists._updatePanelIDs[i]
}

/**
 * A postback-settings record.
 *
 * @example
 * settings(true, ['UpdatePanel1'], 'Button1', button)
 */
export const settings = (async: boolean, panelsToUpdate?: string[] | null, asyncTarget?: string, sourceElement?: any): PostBackSettings => ({
  async,
  panelsToUpdate,
  asyncTarget,
  sourceElement,
})

/**
 * Splits an ID array into UniqueIDs, ClientIDs (given, or AutoID) and, for panels, the
 * ChildrenAsTriggers flags.
 *
 * @example
 * pairs(['NC1$UP2', ''], true) // [['NC1$UP2'], ['NC1_UP2'], []]
 */
export function pairs(src: string[] | null | undefined, v4: unknown, panel?: boolean): [string[], string[], boolean[]] {
  const ids: string[] = []
  const clientIDs: string[] = []
  const childrenAsTriggers: boolean[] = []
  for (let i = 0; src && i < src.length; i += v4 ? 2 : 1) {
    let id: string = src[i]
    if (panel) {
      childrenAsTriggers.push(id.charAt(0) == 't')
      id = id.slice(1)
    }
    ids.push(id)
    clientIDs.push((v4 ? src[i + 1] : '') || toClientID(id))
  }
  return [ids, clientIDs, childrenAsTriggers]
}

/**
 * Turns the `_initialize` / delta ID arrays into the seven lists: version4 arrays hold
 * (UniqueID, ClientID-or-empty) pairs, 3.5 arrays single UniqueIDs; panel IDs carry a `t`/`f`
 * ChildrenAsTriggers prefix.
 *
 * @example
 * processArrays(['tUP1', 'UP1ClientID', 'fNC1$UP2', ''], [], [], true)._updatePanelClientIDs // ['UP1ClientID', 'NC1_UP2']
 */
export function processArrays(panels?: string[] | null, asyncIDs?: string[] | null, postBackIDs?: string[] | null, version4?: unknown): ControlLists {
  const [a, b, c] = pairs(panels, version4, true)
  const [d, e] = pairs(asyncIDs, version4)
  const [f, g] = pairs(postBackIDs, version4)
  return {
    _updatePanelIDs: a,
    _updatePanelClientIDs: b,
    _updatePanelHasChildrenAsTriggers: c,
    _asyncPostBackControlIDs: d,
    _asyncPostBackControlClientIDs: e,
    _postBackControlIDs: f,
    _postBackControlClientIDs: g,
  }
}

const near = (id: string, list: string[]) => list.some((c) => id.startsWith(c + '_'))

/**
 * The DOM walk of §1.3: from `element` up, the first async control / postback control /
 * UpdatePanel (nearest wins; ChildrenAsTriggers false → async without panels) decides.
 *
 * @example
 * getPostBackSettings(prm, $get('Button1'), 'Button1') // { async: true, panelsToUpdate: ['UpdatePanel1'], … }
 */
export function getPostBackSettings(lists: ControlLists, element: any, uniqueID: string): PostBackSettings {
  let proposed: PostBackSettings | null = null
  for (let el = element; el; el = el.parentNode) {
    const id = el.id
    if (!id) continue
    if (!proposed && lists._asyncPostBackControlClientIDs.includes(id)) proposed = settings(true, null, uniqueID, element)
    else if (!proposed && lists._postBackControlClientIDs.includes(id)) return settings(false)
    else {
      const i = lists._updatePanelClientIDs.indexOf(id)
      if (i >= 0) return settings(true, lists._updatePanelHasChildrenAsTriggers[i] ? [lists._updatePanelIDs[i]] : null, uniqueID, element)
    }
    if (!proposed && near(id, lists._asyncPostBackControlClientIDs)) proposed = settings(true, null, uniqueID, element)
    else if (!proposed && near(id, lists._postBackControlClientIDs)) return settings(false)
  }
  return proposed || settings(false)
}

/**
 * The element of a UniqueID, or of its nearest naming container (`a$b$c` → `a_b_c`, `a_b`, `a`).
 *
 * @example
 * findNearestElement('GridView1$ctl02$ctl00') // the GridView1 table when the row has no id
 */
export function findNearestElement(uniqueID: string): any {
  for (let id = uniqueID; id; ) {
    const el = byId(toClientID(id))
    if (el) return el
    const i = id.lastIndexOf('$')
    if (i < 0) break
    id = id.slice(0, i)
  }
  return null
}
