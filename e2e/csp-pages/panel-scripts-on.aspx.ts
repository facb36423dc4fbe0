import { Page, type Label, type Literal } from 'deltaform'

// A panel with a script of the page's own (from the template) and, after a postback, one that
// came in with data (a PassThrough Literal): only the page's own may ever run.
export default class PanelScripts extends Page {
  declare Count: Label
  declare Echo: Literal

  Bump_Click() {
    this.Count.text = String(Number(this.Count.text) + 1)
    this.Echo.text = '<script>window.injected = true</script>'
  }
}
