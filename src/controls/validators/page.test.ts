import { describe, expect, it } from 'vitest'
import { createApp } from '../../app/create-app.ts'
import { Page } from '../../page/page.ts'
import { FormClient } from '../../testing/form-client.ts'
import type { Label } from '../label.ts'
import type { ServerValidateEventArgs } from './custom-validator.ts'

const key = 'ab'.repeat(32)

const markup = `<html><head runat="server"></head><body>
<form id="form1" runat="server">
  <asp:ValidationSummary ID="Summary" runat="server" HeaderText="Please fix:" />
  <asp:TextBox ID="Email" runat="server" />
  <asp:RequiredFieldValidator ID="EmailRequired" runat="server" ControlToValidate="Email" ErrorMessage="Enter an email." Text="*" Display="Dynamic" />
  <asp:RegularExpressionValidator ID="EmailFormat" runat="server" ControlToValidate="Email" ValidationExpression="[^@\\s]+@[^@\\s]+" ErrorMessage="Not an email." Display="None" />
  <asp:TextBox ID="Age" runat="server" />
  <asp:RangeValidator ID="AgeRange" runat="server" ControlToValidate="Age" Type="Integer" MinimumValue="18" MaximumValue="120" ErrorMessage="18 to 120." />
  <asp:CustomValidator ID="NotTaken" runat="server" ControlToValidate="Email" OnServerValidate="NotTaken_Validate" ErrorMessage="Taken." Display="None" />
  <asp:Label ID="Result" runat="server" />
  <asp:Button ID="Save" runat="server" Text="Save" OnClick="Save_Click" />
</form></body></html>`

class Signup extends Page {
  declare Result: Label

  async NotTaken_Validate(_sender: unknown, args: ServerValidateEventArgs) {
    await Promise.resolve()
    args.isValid = args.value !== 'taken@example.com'
  }

  Save_Click() {
    this.Result.text = this.isValid ? 'saved' : 'invalid'
  }
}

function client(): FormClient {
  const app = createApp({ pages: { '/signup.aspx': { markup, codeBehind: Signup } }, key, mode: 'development' })
  return new FormClient((r) => app.request(r))
}

describe('validators in a page', () => {
  it('render hidden on a GET', async () => {
    const c = client()
    await c.get('/signup.aspx')
    expect(c.status).toBe(200)
    expect(c.html).toContain('<div id="Summary" style="display:none;"></div>')
    expect(c.html).toContain('<span id="EmailRequired" style="display:none;">*</span>')
    expect(c.html).not.toContain('id="EmailFormat"')
  })

  it('validate on a button click and show the summary', async () => {
    const c = client()
    await c.get('/signup.aspx')
    c.set('Age', '12')
    await c.click('Save')
    expect(c.text('Result')).toBe('invalid')
    expect(c.html).toContain('<span id="EmailRequired" role="alert">*</span>')
    expect(c.html).toContain('<div id="Summary" role="alert">Please fix:<ul><li>Enter an email.</li><li>18 to 120.</li></ul></div>')

    c.set('Email', 'taken@example.com')
    c.set('Age', '30')
    await c.click('Save')
    expect(c.text('Result')).toBe('invalid')
    expect(c.html).toContain('<li>Taken.</li>')
    expect(c.html).toContain('<span id="EmailRequired" style="display:none;">*</span>')

    c.set('Email', 'ann@example.com')
    await c.click('Save')
    expect(c.text('Result')).toBe('saved')
    expect(c.html).toContain('<div id="Summary" style="display:none;"></div>')
  })
})
