import { Page, type CommandEventArgs, type HistoryEventArgs, type Label, type ScriptManager, type UpdatePanel } from 'deltaform'

const steps = [
  { title: 'Start', text: 'Plan a trip in three steps. Each step is a browser history point.' },
  { title: 'Destination', text: 'Step 1: choose where to go.' },
  { title: 'Dates', text: 'Step 2: choose when to travel.' },
  { title: 'Confirm', text: 'Step 3: check everything and book.' },
]

export default class History extends Page {
  declare ScriptManager1: ScriptManager
  declare StepPanel: UpdatePanel
  declare StepTitle: Label
  declare StepText: Label

  Page_Load() {
    if (!this.isPostBack) this.show(0)
  }

  Step_Command(_sender: unknown, e: CommandEventArgs) {
    const step = Number(e.commandArgument)
    this.show(step)
    // A full postback (partial rendering off) cannot add history points; nor does a navigation.
    const sm = this.ScriptManager1
    if (sm.isInAsyncPostBack && !sm.isNavigating) sm.addHistoryPoint({ step: String(step) }, titleOf(step))
  }

  /** Back/Forward, or a link with a history fragment: the state says which step to show. */
  ScriptManager1_Navigate(_sender: unknown, e: HistoryEventArgs) {
    // The state is signed (EnableSecureHistoryState defaults to true), but check it all the same.
    const step = Number(e.state.step ?? '0')
    this.show(Number.isInteger(step) && step >= 0 && step < steps.length ? step : 0)
    // The panel is Conditional and the ScriptManager is no trigger of it: refresh it here.
    this.StepPanel.update()
  }

  private show(step: number) {
    this.StepTitle.text = steps[step]!.title
    this.StepText.text = steps[step]!.text
    this.title = titleOf(step)
  }
}

function titleOf(step: number): string {
  return `Trip planner — ${steps[step]!.title}`
}
