import { Page, type Button, type Label } from 'deltaform'

// Per process, so a test (or a visitor) can see how often a handler really ran.
const counts = { placed: 0, aborted: 0 }

/** Concurrency policies, double-submit protection, idempotent postbacks and the request's AbortSignal. */
export default class Concurrency extends Page {
  declare Placed: Label
  declare Aborted: Label

  Add_Click(sender: Button) {
    // The panel's total is the label next to the button: QueueAdd10 → TotalQueue.
    const total = this.findControl('Total' + sender.id!.replace(/Add\d+$/, '')) as Label
    total.text = String(Number(total.text) + Number(sender.commandArgument))
  }

  Place_Click() {
    counts.placed++
  }

  /** Three seconds, unless the client gives up first: the request's signal says so. */
  async Slow_Click() {
    const signal = this.request.signal
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 3000)
      signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        counts.aborted++
        resolve()
      })
    })
  }

  Page_PreRender() {
    this.Placed.text = String(counts.placed)
    this.Aborted.text = String(counts.aborted)
  }
}
