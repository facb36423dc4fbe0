import type { Control, SavedState } from '../../controls/control.ts'
import type { ControlStateSize } from './request-log.ts'

/**
 * Each control's share of the saved view-state tree (`[own, { childIndex: SavedState }]`, the
 * shape `saveViewStateRecursive` returns), measured as the UTF-8 bytes of its own state as
 * JSON — before compression and signing, so the shares show who is big, not the exact field
 * length. Walks the saved tree beside the control tree; a child the tree no longer holds
 * (state kept for a control never re-added) is named by its place. Biggest first; controls
 * with no own state are left out.
 *
 * @example
 * viewStateByControl(page, page.formState.controlState)
 * // [{ control: 'GridView1', type: 'GridView', bytes: 5120 }, { control: 'Label1', type: 'Label', bytes: 31 }]
 */
export function viewStateByControl(root: Control, saved: unknown): ControlStateSize[] {
  const out: ControlStateSize[] = []
  walk(root, saved, '', out)
  return out.sort((a, b) => b.bytes - a.bytes)
}

function walk(control: Control | undefined, saved: unknown, place: string, out: ControlStateSize[]): void {
  if (!Array.isArray(saved)) return
  const [own, children] = saved as SavedState
  const name = control ? nameOf(control, place) : place
  if (own !== undefined && own !== null) {
    out.push({ control: name, type: control ? control.constructor.name : '(not in the tree)', bytes: Buffer.byteLength(JSON.stringify(own) ?? '', 'utf8') })
  }
  if (!children || typeof children !== 'object') return
  for (const [key, child] of Object.entries(children)) {
    const index = Number(key)
    walk(control?.controls.at(index), child, `${name}[${index}]`, out)
  }
}

/** The UniqueID when the control has an ID (given or automatic), else its place in the tree. */
function nameOf(control: Control, place: string): string {
  if (!control.parent) return '(page)'
  return control.id !== undefined || control.hasAutoId ? control.uniqueID : place
}
