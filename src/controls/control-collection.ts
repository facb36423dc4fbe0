import type { Control } from './control.ts'

/**
 * The ordered children of a control. Adding a control to a tree that already ran part of
 * its lifecycle brings the new control up to the same stage (Init, view state, Load…),
 * as ASP.NET does for dynamically added controls.
 *
 * @example
 * const label = new Label()
 * label.id = 'Greeting'
 * this.Panel1.controls.add(label)
 */
export class ControlCollection implements Iterable<Control> {
  private readonly items: Control[] = []

  constructor(private readonly owner: Control) {}

  get length(): number {
    return this.items.length
  }

  at(index: number): Control | undefined {
    return this.items[index]
  }

  indexOf(control: Control): number {
    return this.items.indexOf(control)
  }

  add(control: Control): void {
    this.addAt(this.items.length, control)
  }

  addAt(index: number, control: Control): void {
    if (control.parent) control.parent.controls.remove(control)
    this.items.splice(index, 0, control)
    this.owner.addedControl(control, index)
  }

  remove(control: Control): void {
    const index = this.items.indexOf(control)
    if (index < 0) return
    this.items.splice(index, 1)
    this.owner.removedControl(control)
  }

  removeAt(index: number): void {
    const control = this.items[index]
    if (control) this.remove(control)
  }

  clear(): void {
    for (const control of [...this.items]) this.remove(control)
  }

  [Symbol.iterator](): Iterator<Control> {
    return this.items[Symbol.iterator]()
  }

  toArray(): Control[] {
    return [...this.items]
  }
}
