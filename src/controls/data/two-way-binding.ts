import { CheckBox } from '../check-box.ts'
import type { Control } from '../control.ts'
import { HiddenField } from '../hidden-field.ts'
import { ListControl } from '../list/list-control.ts'
import { TextBox } from '../text-box.ts'

/**
 * `[path of the control inside its container, field]` pairs of an edit row, kept in view state.
 *
 * @example
 * const inputs: BoundInputs = [['Qty', 'Quantity']] // row.findControl('Qty') holds the new Quantity
 */
export type BoundInputs = Array<[string, string]>

function isInput(c: Control): boolean {
  return c instanceof TextBox || c instanceof CheckBox || c instanceof ListControl || c instanceof HiddenField
}

/**
 * Data-binds an edit or insert container (`blank`: insert, with no record) while noting which field each input control's
 * `<%# Bind("Field") %>` read, so the entered values can be given back as new values
 * (ASP.NET's two-way binding). Only simple bindings count: an input whose binding read
 * exactly one top-level field of an object data item.
 *
 * @example
 * const inputs = await bindNotingInputs(row, row)
 * const values = readBoundInputs(row, inputs) // { Name: 'typed text' }
 */
export async function bindNotingInputs(container: Control, scope: Control, blank = false): Promise<BoundInputs> {
  const item = container.dataItem
  const inputs: BoundInputs = []
  const trackable = blank || (item !== null && typeof item === 'object' && !(item instanceof Map))
  if (!trackable) {
    await container.dataBind()
    return inputs
  }
  let log: string[] | null = null
  // Insert mode has no record: a blank one has every field (undefined) and notes reads alike.
  container.dataItem = new Proxy(blank ? {} : (item as object), {
    get(target, key, receiver) {
      if (log && typeof key === 'string') log.push(key)
      return Reflect.get(target, key, receiver)
    },
    has(target, key) {
      return blank || Reflect.has(target, key)
    },
  })
  const patched: Control[] = []
  const visit = (c: Control) => {
    for (const child of c.controls) {
      if (isInput(child)) {
        const raise = child.raise.bind(child)
        // The markup's DataBinding handlers run inside raise('DataBinding'): what they read
        // from the data item in that window belongs to this control.
        child.raise = async <E>(event: string, e: E) => {
          if (event.toLowerCase() !== 'databinding') return raise(event, e)
          const outer = log
          log = []
          try {
            await raise(event, e)
            const fields = [...new Set(log)]
            if (fields.length === 1) inputs.push([relativePath(child, scope), fields[0]!])
          } finally {
            log = outer
          }
        }
        patched.push(child)
      }
      visit(child)
    }
  }
  visit(container)
  try {
    await container.dataBind()
  } finally {
    for (const c of patched) delete (c as { raise?: unknown }).raise
    container.dataItem = item
  }
  return inputs
}

/**
 * Reads the current values of inputs noted by {@link bindNotingInputs} (after the post loaded
 * them): TextBox text, CheckBox checked, a list's selected value, a HiddenField's value.
 *
 * @example
 * Object.assign(newValues, readBoundInputs(row, saved, true))
 */
export function readBoundInputs(scope: Control, inputs: BoundInputs, convertEmptyStringToNull = true): Record<string, unknown> {
  const values: Record<string, unknown> = {}
  for (const [path, field] of inputs) {
    const c = scope.findControl(path)
    if (!c) continue
    let value: unknown
    if (c instanceof CheckBox) value = c.checked
    else if (c instanceof ListControl) value = c.selectedValue
    else if (c instanceof HiddenField) value = c.value
    else if (c instanceof TextBox) value = c.text
    else continue
    values[field] = value === '' && convertEmptyStringToNull ? null : value
  }
  return values
}

/** The `$`-joined ID path of a control below a naming container (`'ctl03$Qty'`). */
function relativePath(control: Control, scope: Control): string {
  const full = control.uniqueID
  const prefix = scope.uniqueID + '$'
  return full.startsWith(prefix) ? full.slice(prefix.length) : full
}
