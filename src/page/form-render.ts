import { includeCallbackScript } from '../callbacks/callback-script.ts'
import type { Control } from '../controls/control.ts'
import type { HtmlWriter } from '../render/html-writer.ts'
import { htmlEncode } from '../render/encode.ts'
import { includeCspScript } from './csp-script.ts'
import type { Page } from './page.ts'

/** The page's state fields, computed by the lifecycle runner before Render. */
export interface FormState {
  viewState: string
  generator: string
  /** Called at the end of the form, after every control registered its events. */
  encodeEventValidation: () => string
  /** @internal The control tree's saved state before encoding (a reference, no copy): the development inspector measures each control's share. */
  controlState?: unknown
}

function hidden(writer: HtmlWriter, name: string, value: string): void {
  writer.write(`<input type="hidden" name="${name}" id="${name}" value="${htmlEncode(value)}" />\n`)
}

/**
 * Writes the start of a server form's content: the hidden state fields in an
 * `aspNetHidden` div, the `__doPostBack` plumbing and registered script blocks
 * (ASP.NET's BeginFormRender).
 *
 * @example
 * beginFormRender(page, writer, form) // <div class="aspNetHidden">…</div><script>…__doPostBack…</script>
 */
export function beginFormRender(page: Page, writer: HtmlWriter, form: Control): void {
  writer.write('<div class="aspNetHidden">\n')
  hidden(writer, '__EVENTTARGET', '')
  hidden(writer, '__EVENTARGUMENT', '')
  hidden(writer, '__VIEWSTATE', page.formState.viewState)
  hidden(writer, '__VIEWSTATEGENERATOR', page.formState.generator)
  for (const [name, value] of page.clientScript.registeredHiddenFields) hidden(writer, name, value)
  writer.write('</div>\n')
  const formId = form.clientID
  writer.write(
    `<script${page.clientScript.nonceAttr}>\n//<![CDATA[\n` +
      `var theForm = document.forms['${formId}'];\nif (!theForm) { theForm = document.${formId}; }\n` +
      'function __doPostBack(eventTarget, eventArgument) {\n' +
      '    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {\n' +
      '        theForm.__EVENTTARGET.value = eventTarget;\n' +
      '        theForm.__EVENTARGUMENT.value = eventArgument;\n' +
      '        theForm.submit();\n' +
      '    }\n}\n//]]>\n</script>\n',
  )
  includeCallbackScript(page)
  includeCspScript(page)
  page.clientScript.renderClientScriptBlocks(writer)
}

/**
 * Writes the end of a server form's content: includes registered while the form rendered,
 * startup scripts and `__EVENTVALIDATION`.
 *
 * @example
 * endFormRender(page, writer, form)
 */
export function endFormRender(page: Page, writer: HtmlWriter, _form: Control): void {
  includeCallbackScript(page)
  page.clientScript.renderStartupScripts(writer)
  const eventValidation = page.formState.encodeEventValidation()
  if (eventValidation) {
    writer.write('<div class="aspNetHidden">\n')
    hidden(writer, '__EVENTVALIDATION', eventValidation)
    writer.write('</div>\n')
  }
}
