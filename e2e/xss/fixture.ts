// The pages of the XSS suite and its checks. /xss.aspx pushes every payload of the corpus
// through every text-bearing control property and data path ("sinks"), one Repeater item per
// payload; /xss-page.aspx takes one payload per request through the page-level sinks (title,
// focus, expandos, data items, query string, posted text, error messages, error pages);
// /xss-redirect.aspx redirects to a posted URL; /raw.aspx feeds the explicit raw-HTML APIs. The
// DOM oracle finds a payload that became markup or script. Shared by e2e/xss.spec.ts (Chromium)
// and src/render/xss.test.ts (in-process, no browser).

import {
  HttpError,
  ListItem,
  Page,
  type AsyncPostBackErrorEventArgs,
  type Button,
  type CheckBox,
  type CheckBoxList,
  type Control,
  type CustomValidator,
  type DetailsView,
  type DropDownList,
  type GridView,
  type HiddenField,
  type HtmlAnchor,
  type HtmlGenericControl,
  type HyperLink,
  type Image,
  type ImageButton,
  type Label,
  type LinkButton,
  type ListBox,
  type Literal,
  type PageDefinition,
  type Panel,
  type RadioButton,
  type RadioButtonList,
  type Repeater,
  type RequiredFieldValidator,
  type ScriptManager,
  type ServerValidateEventArgs,
  type TextBox,
  type TextBoxMode,
  type ValidationSummary,
} from 'deltaform'
import { payloadText, xssPayloads } from './corpus.ts'

const textBoxModes: readonly TextBoxMode[] = ['SingleLine', 'MultiLine', 'Password', 'Color', 'Date', 'DateTime', 'DateTimeLocal', 'Email', 'Month', 'Number', 'Range', 'Search', 'Phone', 'Time', 'Url', 'Week']

/**
 * Every sink of the fixture pages, in id order (id = index + 1). `key` is what the code-behind
 * uses, `name` what failure messages show.
 *
 * @example
 * xssSinks[0] // { key: 'LabelText', name: 'Label.Text' }
 */
export const xssSinks: ReadonlyArray<{ key: string; name: string }> = [
  { key: 'LabelText', name: 'Label.Text' },
  { key: 'LabelToolTip', name: 'Label.ToolTip' },
  { key: 'LabelCssClass', name: 'Label.CssClass' },
  { key: 'LabelForeColor', name: 'Label.ForeColor (inline style)' },
  { key: 'LabelStyleAttribute', name: "Label.Attributes['style']" },
  { key: 'LabelTitleAttribute', name: "Label.Attributes['title']" },
  { key: 'LabelFor', name: 'Label with AssociatedControlID .Text' },
  { key: 'LiteralEncode', name: 'Literal Mode=Encode .Text' },
  { key: 'LiteralTransform', name: 'Literal (Transform) .Text' },
  ...textBoxModes.map((mode) => ({ key: `TextBox${mode}`, name: `TextBox TextMode=${mode} .Text` })),
  { key: 'TextBoxPlaceholder', name: 'TextBox.Placeholder' },
  { key: 'TextBoxToolTip', name: 'TextBox.ToolTip' },
  { key: 'HyperLinkNavigateUrl', name: 'HyperLink.NavigateUrl' },
  { key: 'HyperLinkText', name: 'HyperLink.Text' },
  { key: 'HyperLinkToolTip', name: 'HyperLink.ToolTip' },
  { key: 'HyperLinkImageUrl', name: 'HyperLink.ImageUrl' },
  { key: 'HyperLinkTarget', name: 'HyperLink.Target' },
  { key: 'ImageUrl', name: 'Image.ImageUrl' },
  { key: 'ImageAlternateText', name: 'Image.AlternateText' },
  { key: 'ImageButtonUrl', name: 'ImageButton.ImageUrl' },
  { key: 'ImageButtonAlternateText', name: 'ImageButton.AlternateText' },
  { key: 'ButtonText', name: 'Button.Text' },
  { key: 'ButtonToolTip', name: 'Button.ToolTip' },
  { key: 'ButtonCssClass', name: 'Button.CssClass' },
  { key: 'LinkButtonText', name: 'LinkButton.Text' },
  { key: 'LinkButtonToolTip', name: 'LinkButton.ToolTip' },
  { key: 'HiddenFieldValue', name: 'HiddenField.Value' },
  { key: 'CheckBoxText', name: 'CheckBox.Text' },
  { key: 'RadioButtonText', name: 'RadioButton.Text' },
  { key: 'DropDownListItemText', name: 'DropDownList ListItem text' },
  { key: 'DropDownListItemValue', name: 'DropDownList ListItem value' },
  { key: 'ListBoxItemText', name: 'ListBox ListItem text' },
  { key: 'ListBoxItemValue', name: 'ListBox ListItem value' },
  { key: 'CheckBoxListItemText', name: 'CheckBoxList ListItem text' },
  { key: 'CheckBoxListItemValue', name: 'CheckBoxList ListItem value' },
  { key: 'RadioButtonListItemText', name: 'RadioButtonList ListItem text' },
  { key: 'RadioButtonListItemValue', name: 'RadioButtonList ListItem value' },
  { key: 'BoundListText', name: 'DropDownList DataTextField (data-bound)' },
  { key: 'BoundListValue', name: 'DropDownList DataValueField (data-bound)' },
  { key: 'RequiredErrorMessage', name: 'RequiredFieldValidator.ErrorMessage (failing)' },
  { key: 'CustomText', name: 'CustomValidator.Text (failing)' },
  { key: 'CustomErrorMessage', name: 'CustomValidator.ErrorMessage (in the summaries)' },
  { key: 'SummaryBulletHeader', name: 'ValidationSummary BulletList .HeaderText' },
  { key: 'SummaryListHeader', name: 'ValidationSummary List .HeaderText' },
  { key: 'SummaryParagraphHeader', name: 'ValidationSummary SingleParagraph .HeaderText' },
  { key: 'PanelGroupingText', name: 'Panel.GroupingText' },
  { key: 'PanelToolTip', name: 'Panel.ToolTip' },
  { key: 'HtmlInnerText', name: '<div runat=server>.innerText' },
  { key: 'HtmlAttribute', name: "<div runat=server>.attributes['title']" },
  { key: 'HtmlAnchorHref', name: "<a runat=server>.attributes['href']" },
  { key: 'GridBoundField', name: 'GridView BoundField' },
  { key: 'GridLinkText', name: 'GridView HyperLinkField DataTextField' },
  { key: 'GridLinkWholeUrl', name: 'GridView HyperLinkField DataNavigateUrlFormatString "{0}"' },
  { key: 'GridLinkUrlPart', name: 'GridView HyperLinkField DataNavigateUrlFormatString "item.aspx?id={0}"' },
  { key: 'GridButtonLink', name: 'GridView ButtonField DataTextField (Link)' },
  { key: 'GridButtonPush', name: 'GridView ButtonField DataTextField (Button)' },
  { key: 'GridTemplateEncoded', name: 'GridView TemplateField <%#: Eval() %>' },
  { key: 'GridTemplateLabel', name: "GridView TemplateField <asp:Label Text='<%# Eval() %>'>" },
  { key: 'GridCaption', name: 'GridView.Caption' },
  { key: 'GridEmptyDataText', name: 'GridView.EmptyDataText' },
  { key: 'AutoGridFieldName', name: 'GridView AutoGenerateColumns: a field name (header)' },
  { key: 'AutoGridValue', name: 'GridView AutoGenerateColumns: a value' },
  { key: 'DetailsBoundField', name: 'DetailsView BoundField' },
  { key: 'DetailsTemplate', name: 'DetailsView TemplateField <%#: Eval() %>' },
  { key: 'RepeaterEncoded', name: 'Repeater <%#: Eval() %>' },
  { key: 'RepeaterFormatted', name: 'Repeater <%#: Eval(field, "[{0}]") %>' },
  { key: 'RepeaterLinkUrl', name: "Repeater <asp:HyperLink NavigateUrl='<%# Eval() %>'>" },
  { key: 'PageTitle', name: 'Page.title' },
  { key: 'DataItemString', name: 'ScriptManager.registerDataItem (string)' },
  { key: 'DataItemJson', name: 'ScriptManager.registerDataItem (JSON)' },
  { key: 'AsyncErrorMessage', name: 'ScriptManager.asyncPostBackErrorMessage' },
  { key: 'AsyncExceptionMessage', name: 'an async postback exception message (development)' },
  { key: 'AsyncHttpError', name: 'an async postback HttpError message' },
  { key: 'QueryString', name: 'query string → Label/HyperLink/TextBox' },
  { key: 'PostedText', name: 'posted TextBox → TextBox and Label' },
  { key: 'PostedHidden', name: 'posted HiddenField (changed by a script) → HiddenField and Label' },
  { key: 'SetFocus', name: 'ScriptManager.setFocus(clientID string)' },
  { key: 'Expando', name: 'ScriptManager.registerExpandoAttribute (encoded)' },
  { key: 'RegisteredHidden', name: 'ScriptManager.registerHiddenField value' },
  { key: 'ErrorPageHttpError', name: 'error page: HttpError message' },
  { key: 'ErrorPageException', name: 'error page: exception message' },
  { key: 'NotFoundPath', name: '404 page: the requested path' },
  { key: 'EventValidationValue', name: '400 page: a tampered posted list value' },
  { key: 'Redirect', name: 'Page.redirect(url) (full and async postback)' },
]

/**
 * The id of a sink by key (1-based, the `sinkId` part of a marker id).
 *
 * @example
 * sinkId('LabelText') // 1
 */
export function sinkId(key: string): number {
  const index = xssSinks.findIndex((s) => s.key === key)
  if (index < 0) throw new Error(`No XSS sink '${key}'.`)
  return index + 1
}

/**
 * The name of a sink by id, for failure messages.
 *
 * @example
 * sinkName(1) // 'Label.Text'
 */
export function sinkName(id: number): string | undefined {
  return xssSinks[id - 1]?.name ?? rawSinks.find((s) => s.id === id)?.name
}

/**
 * The payload text for a payload × sink key.
 *
 * @example
 * sinkPayload(1, 'LabelText') // '<img src=x onerror=__xss(1001)>'
 */
export function sinkPayload(payloadIndex: number, key: string): string {
  return payloadText(payloadIndex, sinkId(key))
}

/**
 * The sinks of the raw-HTML page (ids 901…): the `raw` ones must run their payload, the others
 * must not.
 *
 * @example
 * rawSinks.filter((s) => s.raw).map((s) => s.name) // ['Literal Mode=PassThrough', '<%= %>', …]
 */
export const rawSinks = [
  { id: 901, name: 'Literal Mode=PassThrough', raw: true },
  { id: 902, name: '<%= %>', raw: true },
  { id: 903, name: '<%# %> in template text', raw: true },
  { id: 904, name: 'Substitution method output', raw: true },
  { id: 905, name: 'BoundField HtmlEncode="false"', raw: true },
  { id: 911, name: '<%: %>', raw: false },
  { id: 912, name: '<%#: %> in template text', raw: false },
  { id: 913, name: 'Literal Mode=Encode', raw: false },
  { id: 914, name: 'BoundField (HtmlEncode default)', raw: false },
] as const

/**
 * The payload of the raw-HTML page for one of its sinks.
 *
 * @example
 * rawPayload(901) // '<img src=x onerror=__xss(901)>'
 */
export function rawPayload(id: number): string {
  return `<img src=x onerror=__xss(${id})>`
}

/**
 * An error the fixture throws on purpose (so the spec can keep it out of the server log).
 *
 * @example
 * throw fixtureError('boom')
 */
export function fixtureError(message: string): Error {
  return Object.assign(new Error(message), { xssFixture: true })
}

// ---- the control sink page: every payload, each in its own Repeater item ------------------

const textBoxes = textBoxModes.map((mode) => `<asp:TextBox ID="Box${mode}" runat="server" TextMode="${mode}" />`).join('\n            ')

const controlMarkup = `<%@ Page Title="XSS control sinks" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /></head>
<body>
  <%-- novalidate: the Email and Url boxes hold payloads, which the browser would refuse to submit. --%>
  <form id="form1" runat="server" novalidate="novalidate">
    <asp:ScriptManager ID="ScriptManager1" runat="server" />
    <asp:UpdatePanel ID="Sinks" runat="server">
      <ContentTemplate>
        <asp:Repeater ID="Payloads" runat="server">
          <ItemTemplate><div class="payload" data-p="<%# Container.ItemIndex %>">
            <asp:Label ID="LabelText" runat="server" />
            <asp:Label ID="LabelAttributes" runat="server" Text="attributes" />
            <asp:Label ID="LabelFor" runat="server" AssociatedControlID="BoxSingleLine" />
            <asp:Literal ID="LiteralEncode" runat="server" Mode="Encode" />
            <asp:Literal ID="LiteralTransform" runat="server" />
            ${textBoxes}
            <asp:TextBox ID="BoxAttributes" runat="server" />
            <asp:HyperLink ID="Link" runat="server" />
            <asp:HyperLink ID="ImageLink" runat="server" NavigateUrl="#top" Text="image link" />
            <asp:Image ID="Picture" runat="server" />
            <asp:ImageButton ID="PictureButton" runat="server" CausesValidation="false" />
            <asp:Button ID="Push" runat="server" CausesValidation="false" />
            <asp:LinkButton ID="PushLink" runat="server" CausesValidation="false" />
            <asp:HiddenField ID="Hidden" runat="server" />
            <asp:CheckBox ID="Check" runat="server" />
            <asp:RadioButton ID="Radio" runat="server" GroupName="g" />
            <asp:DropDownList ID="Drop" runat="server" />
            <asp:ListBox ID="Box" runat="server" SelectionMode="Multiple" />
            <asp:CheckBoxList ID="Checks" runat="server" />
            <asp:RadioButtonList ID="Radios" runat="server" />
            <asp:DropDownList ID="BoundDrop" runat="server" DataTextField="Text" DataValueField="Value" />
            <asp:TextBox ID="Required" runat="server" />
            <asp:RequiredFieldValidator ID="RequiredCheck" runat="server" ControlToValidate="Required" />
            <asp:CustomValidator ID="AlwaysFails" runat="server" OnServerValidate="AlwaysFails_ServerValidate" />
            <asp:ValidationSummary ID="SummaryBullet" runat="server" />
            <asp:ValidationSummary ID="SummaryList" runat="server" DisplayMode="List" />
            <asp:ValidationSummary ID="SummaryParagraph" runat="server" DisplayMode="SingleParagraph" />
            <asp:Panel ID="Group" runat="server"><span>grouped</span></asp:Panel>
            <div id="HtmlDiv" runat="server"></div>
            <a id="HtmlLink" runat="server">html link</a>
            <asp:GridView ID="Grid" runat="server" AutoGenerateColumns="false">
              <Columns>
                <asp:BoundField DataField="Bound" HeaderText="Bound" />
                <asp:HyperLinkField DataTextField="LinkText" DataNavigateUrlFields="WholeUrl" DataNavigateUrlFormatString="{0}" HeaderText="Link" />
                <asp:HyperLinkField Text="item" DataNavigateUrlFields="UrlPart" DataNavigateUrlFormatString="item.aspx?id={0}" HeaderText="Item" />
                <asp:ButtonField DataTextField="ButtonLink" CommandName="Go" HeaderText="Go" />
                <asp:ButtonField DataTextField="ButtonPush" CommandName="Go" ButtonType="Button" HeaderText="Push" />
                <asp:TemplateField HeaderText="Template">
                  <ItemTemplate><b class="tpl"><%#: Eval("Template") %></b><asp:Label ID="Tpl" runat="server" Text='<%# Eval("TemplateLabel") %>' /></ItemTemplate>
                </asp:TemplateField>
              </Columns>
            </asp:GridView>
            <asp:GridView ID="EmptyGrid" runat="server" />
            <asp:GridView ID="AutoGrid" runat="server" AutoGenerateColumns="true" />
            <asp:DetailsView ID="Details" runat="server" AutoGenerateRows="false">
              <Fields>
                <asp:BoundField DataField="Bound" HeaderText="Bound" />
                <asp:TemplateField HeaderText="Template"><ItemTemplate><i class="dv"><%#: Eval("Template") %></i></ItemTemplate></asp:TemplateField>
              </Fields>
            </asp:DetailsView>
            <asp:Repeater ID="Rep" runat="server">
              <ItemTemplate><span class="rep"><%#: Eval("Text") %></span><span class="rep2"><%#: Eval("Formatted", "[{0}]") %></span><asp:HyperLink ID="RepLink" runat="server" NavigateUrl='<%# Eval("Url") %>' Text="repeated link" /></ItemTemplate>
            </asp:Repeater>
            <asp:TextBox ID="Echo" runat="server" />
            <asp:Label ID="EchoLabel" runat="server" />
            <asp:HiddenField ID="PostedHidden" runat="server" />
            <asp:Label ID="PostedHiddenLabel" runat="server" />
          </div></ItemTemplate>
        </asp:Repeater>
        <asp:Button ID="AsyncPost" runat="server" Text="Async postback" OnClick="Post_Click" />
      </ContentTemplate>
    </asp:UpdatePanel>
    <asp:Button ID="FullPost" runat="server" Text="Full postback" OnClick="Post_Click" />
  </form>
</body>
</html>`

/**
 * The code-behind of the control sink page: one Repeater item per payload of the corpus, each
 * with every control sink. The first GET sets every sink to its payload (with its own marker
 * id); postbacks render what view state brought back, plus the posted values, with the
 * validators failing.
 *
 * @example
 * createApp({ pages: { '/xss.aspx': { markup, codeBehind: XssControlPage } } })
 */
export class XssControlPage extends Page {
  declare Payloads: Repeater

  async Page_Load() {
    if (this.isPostBack) {
      for (const item of this.Payloads.items) {
        const find = <T,>(id: string) => item.findControl(id) as T
        find<Label>('EchoLabel').text = find<TextBox>('Echo').text
        find<Label>('PostedHiddenLabel').text = find<HiddenField>('PostedHidden').value
      }
      return
    }
    this.Payloads.dataSource = xssPayloads.map((_, p) => p)
    await this.Payloads.dataBind()
    for (const item of this.Payloads.items) await fillControlSinks(item, item.itemIndex)
  }

  AlwaysFails_ServerValidate(_sender: Control, args: ServerValidateEventArgs) {
    args.isValid = false
  }

  async Post_Click() {
    // Each item's validators are a group of their own, so each summary lists its own messages.
    for (const item of this.Payloads.items) await this.validate(`payload${item.itemIndex}`)
  }
}

/** Sets every control sink of one item to payload `p`. */
async function fillControlSinks(item: Control, p: number): Promise<void> {
  const v = (key: string) => sinkPayload(p, key)
  const find = <T,>(id: string) => {
    const control = item.findControl(id)
    if (!control) throw new Error(`The XSS fixture has no control '${id}'.`)
    return control as T
  }
  find<Label>('LabelText').text = v('LabelText')
  const attributes = find<Label>('LabelAttributes')
  attributes.toolTip = v('LabelToolTip')
  attributes.cssClass = v('LabelCssClass')
  attributes.foreColor = v('LabelForeColor')
  attributes.attributes.set('style', v('LabelStyleAttribute'))
  attributes.attributes.set('title', v('LabelTitleAttribute'))
  find<Label>('LabelFor').text = v('LabelFor')
  find<Literal>('LiteralEncode').text = v('LiteralEncode')
  find<Literal>('LiteralTransform').text = v('LiteralTransform')
  for (const mode of textBoxModes) find<TextBox>(`Box${mode}`).text = v(`TextBox${mode}`)
  const box = find<TextBox>('BoxAttributes')
  box.placeholder = v('TextBoxPlaceholder')
  box.toolTip = v('TextBoxToolTip')
  const link = find<HyperLink>('Link')
  link.navigateUrl = v('HyperLinkNavigateUrl')
  link.text = v('HyperLinkText')
  link.toolTip = v('HyperLinkToolTip')
  link.target = v('HyperLinkTarget')
  find<HyperLink>('ImageLink').imageUrl = v('HyperLinkImageUrl')
  const picture = find<Image>('Picture')
  picture.imageUrl = v('ImageUrl')
  picture.alternateText = v('ImageAlternateText')
  const pictureButton = find<ImageButton>('PictureButton')
  pictureButton.imageUrl = v('ImageButtonUrl')
  pictureButton.alternateText = v('ImageButtonAlternateText')
  const push = find<Button>('Push')
  push.text = v('ButtonText')
  push.toolTip = v('ButtonToolTip')
  push.cssClass = v('ButtonCssClass')
  const pushLink = find<LinkButton>('PushLink')
  pushLink.text = v('LinkButtonText')
  pushLink.toolTip = v('LinkButtonToolTip')
  find<HiddenField>('Hidden').value = v('HiddenFieldValue')
  find<CheckBox>('Check').text = v('CheckBoxText')
  find<RadioButton>('Radio').text = v('RadioButtonText')
  const lists = [['Drop', 'DropDownList'], ['Box', 'ListBox'], ['Checks', 'CheckBoxList'], ['Radios', 'RadioButtonList']] as const
  for (const [id, prefix] of lists) {
    const list = find<DropDownList | ListBox | CheckBoxList | RadioButtonList>(id)
    // A plain item first: the browser posts the first option of a drop-down.
    list.items.add('plain')
    list.items.add(new ListItem(v(`${prefix}ItemText`), 'text-sink'))
    list.items.add(new ListItem('value sink', v(`${prefix}ItemValue`)))
  }
  const boundDrop = find<DropDownList>('BoundDrop')
  boundDrop.dataSource = [{ Text: 'plain', Value: 'plain' }, { Text: v('BoundListText'), Value: v('BoundListValue') }]
  await boundDrop.dataBind()
  const group = `payload${p}`
  const required = find<RequiredFieldValidator>('RequiredCheck')
  required.errorMessage = v('RequiredErrorMessage')
  required.validationGroup = group
  const custom = find<CustomValidator>('AlwaysFails')
  custom.text = v('CustomText')
  custom.errorMessage = v('CustomErrorMessage')
  custom.validationGroup = group
  for (const [id, key] of [['SummaryBullet', 'SummaryBulletHeader'], ['SummaryList', 'SummaryListHeader'], ['SummaryParagraph', 'SummaryParagraphHeader']] as const) {
    const summary = find<ValidationSummary>(id)
    summary.headerText = v(key)
    summary.validationGroup = group
  }
  const panel = find<Panel>('Group')
  panel.groupingText = v('PanelGroupingText')
  panel.toolTip = v('PanelToolTip')
  const div = find<HtmlGenericControl>('HtmlDiv')
  div.innerText = v('HtmlInnerText')
  div.attributes.set('title', v('HtmlAttribute'))
  find<HtmlAnchor>('HtmlLink').attributes.set('href', v('HtmlAnchorHref'))
  const grid = find<GridView>('Grid')
  grid.caption = v('GridCaption')
  grid.dataSource = [
    {
      Bound: v('GridBoundField'),
      LinkText: v('GridLinkText'),
      WholeUrl: v('GridLinkWholeUrl'),
      UrlPart: v('GridLinkUrlPart'),
      ButtonLink: v('GridButtonLink'),
      ButtonPush: v('GridButtonPush'),
      Template: v('GridTemplateEncoded'),
      TemplateLabel: v('GridTemplateLabel'),
    },
  ]
  await grid.dataBind()
  const emptyGrid = find<GridView>('EmptyGrid')
  emptyGrid.emptyDataText = v('GridEmptyDataText')
  emptyGrid.dataSource = []
  await emptyGrid.dataBind()
  const autoGrid = find<GridView>('AutoGrid')
  // A dot in an auto-generated field name reads as a nested path (`a.b`) and throws (reported
  // separately); the header is what matters here.
  autoGrid.dataSource = [{ [v('AutoGridFieldName').replaceAll('.', '\u00b7')]: 'value', Other: v('AutoGridValue') }]
  await autoGrid.dataBind()
  const details = find<DetailsView>('Details')
  details.dataSource = [{ Bound: v('DetailsBoundField'), Template: v('DetailsTemplate') }]
  await details.dataBind()
  const rep = find<Repeater>('Rep')
  rep.dataSource = [{ Text: v('RepeaterEncoded'), Formatted: v('RepeaterFormatted'), Url: v('RepeaterLinkUrl') }]
  await rep.dataBind()
}

// ---- the page-level sink page: one payload per request -------------------------------------

const pageMarkup = `<%@ Page Title="XSS page sinks" %>
<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /></head>
<body>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" OnAsyncPostBackError="ScriptManager1_AsyncPostBackError" />
    <asp:HiddenField ID="Which" runat="server" />
    <asp:UpdatePanel ID="Sinks" runat="server">
      <ContentTemplate>
        <asp:Label ID="QueryLabel" runat="server" />
        <asp:HyperLink ID="QueryLink" runat="server" Text="query link" />
        <asp:TextBox ID="QueryBox" runat="server" />
        <asp:TextBox ID="Echo" runat="server" />
        <asp:Label ID="EchoLabel" runat="server" />
        <asp:Label ID="DataString" runat="server" />
        <asp:Label ID="DataJson" runat="server" />
        <asp:Label ID="ExpandoTarget" runat="server" Text="expando" />
        <asp:DropDownList ID="Drop" runat="server"><asp:ListItem>plain</asp:ListItem></asp:DropDownList>
        <asp:Button ID="AsyncPost" runat="server" Text="Async postback" OnClick="AsyncPost_Click" />
        <asp:Button ID="BoomMessage" runat="server" Text="Fail with a message" OnClick="BoomMessage_Click" />
        <asp:Button ID="BoomException" runat="server" Text="Fail" OnClick="BoomException_Click" />
        <asp:Button ID="BoomHttp" runat="server" Text="Fail with HttpError" OnClick="BoomHttp_Click" />
      </ContentTemplate>
    </asp:UpdatePanel>
    <asp:Button ID="FullPost" runat="server" Text="Full postback" />
    <asp:Button ID="FullBoom" runat="server" Text="Full postback that fails" OnClick="BoomException_Click" />
    <output id="DataStringOut"></output>
    <output id="DataJsonOut"></output>
    <output id="ErrorOut"></output>
  </form>
  <script>
    (function () {
      window.__ends = 0;
      var prm = Sys.WebForms.PageRequestManager.getInstance();
      prm.add_pageLoaded(function (sender, args) {
        var items = args.get_dataItems();
        if ('DataString' in items) document.getElementById('DataStringOut').textContent = items.DataString;
        if ('DataJson' in items) document.getElementById('DataJsonOut').textContent = items.DataJson.v;
      });
      prm.add_endRequest(function (sender, args) {
        var error = args.get_error();
        document.getElementById('ErrorOut').textContent = error ? error.message : '';
        if (error) args.set_errorHandled(true);
        window.__ends++;
      });
    })();
  </script>
</body>
</html>`

/**
 * The code-behind of the page-level sink page. The payload comes from `?p=` on a GET and from
 * the posted `Which` field on postbacks; `?q=` is echoed; `?fail=http|error` fails the GET.
 *
 * @example
 * await client.get(pageSinksUrl(3, '&fail=http')) // 400, the payload in the message
 */
export class XssPageSinks extends Page {
  declare ScriptManager1: ScriptManager
  declare Which: HiddenField
  declare QueryLabel: Label
  declare QueryLink: HyperLink
  declare QueryBox: TextBox
  declare Echo: TextBox
  declare EchoLabel: Label
  declare DataString: Label
  declare DataJson: Label
  declare ExpandoTarget: Label

  private get payloadIndex(): number {
    const p = Number((this.isPostBack ? this.Which.value : this.request.url.searchParams.get('p')) || '0')
    if (!Number.isInteger(p) || p < 0 || p >= xssPayloads.length) throw new HttpError(404, 'No such payload.')
    return p
  }

  private v(key: string): string {
    return sinkPayload(this.payloadIndex, key)
  }

  Page_Load() {
    const fail = this.request.url.searchParams.get('fail')
    if (!this.isPostBack && fail === 'http') throw new HttpError(400, this.v('ErrorPageHttpError'))
    if (!this.isPostBack && fail === 'error') throw fixtureError(this.v('ErrorPageException'))
    // Not kept in view state: set on every request, as pages do.
    this.title = this.v('PageTitle')
    const sm = this.scriptManager!
    sm.setFocus(this.v('SetFocus'))
    sm.registerExpandoAttribute(this.ExpandoTarget, this.ExpandoTarget.clientID, 'title', this.v('Expando'), true)
    sm.registerHiddenField(this.ExpandoTarget, 'XssRegisteredHidden', this.v('RegisteredHidden'))
    if (this.isPostBack) {
      this.EchoLabel.text = this.Echo.text
      return
    }
    this.Which.value = String(this.payloadIndex)
    const q = this.request.url.searchParams.get('q')
    if (q !== null) {
      this.QueryLabel.text = q
      this.QueryLink.navigateUrl = q
      this.QueryBox.text = q
    }
  }

  AsyncPost_Click() {
    this.scriptManager!.registerDataItem(this.DataString, this.v('DataItemString'))
    this.scriptManager!.registerDataItem(this.DataJson, JSON.stringify({ v: this.v('DataItemJson') }), true)
  }

  BoomMessage_Click() {
    throw fixtureError('boom')
  }

  BoomException_Click() {
    throw fixtureError(this.v('AsyncExceptionMessage'))
  }

  BoomHttp_Click() {
    throw new HttpError(400, this.v('AsyncHttpError'))
  }

  ScriptManager1_AsyncPostBackError(_sender: unknown, e: AsyncPostBackErrorEventArgs) {
    if ((e.exception as Error).message === 'boom') this.ScriptManager1.asyncPostBackErrorMessage = this.v('AsyncErrorMessage')
  }
}

// ---- the redirect page ---------------------------------------------------------------------

const redirectMarkup = `<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><title>redirect</title></head>
<body>
  <form id="form1" runat="server">
    <asp:ScriptManager ID="ScriptManager1" runat="server" />
    <asp:HiddenField ID="Next" runat="server" />
    <asp:UpdatePanel ID="Panel" runat="server">
      <ContentTemplate><asp:Button ID="Go" runat="server" Text="Go (async)" OnClick="Go_Click" /></ContentTemplate>
    </asp:UpdatePanel>
    <asp:Button ID="FullGo" runat="server" Text="Go (full)" OnClick="Go_Click" />
  </form>
</body>
</html>`

/**
 * `Page.redirect` to a posted URL, as a login page redirects to its `ReturnUrl`.
 *
 * @example
 * Go_Click() { this.redirect(this.Next.value) }
 */
export class XssRedirectPage extends Page {
  declare Next: HiddenField

  Go_Click() {
    this.redirect(this.Next.value)
  }
}

// ---- the raw-HTML page ---------------------------------------------------------------------

const rawMarkup = `<!DOCTYPE html>
<html lang="en">
<head runat="server"><meta charset="utf-8" /><title>raw</title></head>
<body>
  <form id="form1" runat="server">
    <asp:Literal ID="PassThrough" runat="server" Mode="PassThrough" />
    <div id="RawNugget"><%= this.raw(902) %></div>
    <asp:Repeater ID="Rows" runat="server">
      <ItemTemplate><div class="raw"><%# Eval("Raw") %></div><div class="encoded"><%#: Eval("Encoded") %></div></ItemTemplate>
    </asp:Repeater>
    <asp:Substitution runat="server" MethodName="Hole" />
    <asp:GridView ID="Grid" runat="server" AutoGenerateColumns="false">
      <Columns>
        <asp:BoundField DataField="Raw" HtmlEncode="false" />
        <asp:BoundField DataField="Encoded" />
      </Columns>
    </asp:GridView>
    <div id="EncodedNugget"><%: this.raw(911) %></div>
    <asp:Literal ID="Encoded" runat="server" Mode="Encode" />
  </form>
</body>
</html>`

/**
 * The raw-HTML APIs, each given a payload: these are the only places markup may come from.
 *
 * @example
 * this.PassThrough.text = rawPayload(901) // runs in the browser: PassThrough is raw
 */
export class XssRawPage extends Page {
  declare PassThrough: Literal
  declare Rows: Repeater
  declare Grid: GridView
  declare Encoded: Literal

  raw(id: number): string {
    return rawPayload(id)
  }

  static Hole(): string {
    return rawPayload(904)
  }

  async Page_Load() {
    this.PassThrough.text = rawPayload(901)
    this.Encoded.text = rawPayload(913)
    this.Rows.dataSource = [{ Raw: rawPayload(903), Encoded: rawPayload(912) }]
    await this.Rows.dataBind()
    this.Grid.dataSource = [{ Raw: rawPayload(905), Encoded: rawPayload(914) }]
    await this.Grid.dataBind()
  }
}

/**
 * The pages of the suite, for `createApp({ pages: xssPages() })`.
 *
 * @example
 * const app = createApp({ pages: xssPages(), key, mode: 'development' })
 */
export function xssPages(): Record<string, PageDefinition> {
  return {
    '/xss.aspx': { markup: controlMarkup, codeBehind: XssControlPage, file: 'xss.aspx' },
    '/xss-page.aspx': { markup: pageMarkup, codeBehind: XssPageSinks, file: 'xss-page.aspx' },
    '/raw.aspx': { markup: rawMarkup, codeBehind: XssRawPage, file: 'raw.aspx' },
    '/xss-redirect.aspx': { markup: redirectMarkup, codeBehind: XssRedirectPage, file: 'xss-redirect.aspx' },
  }
}

/**
 * The URL of the page-level sink page for one payload (with the query-string sink filled).
 *
 * @example
 * pageSinksUrl(3) // '/xss-page.aspx?p=3&q=…'
 */
export function pageSinksUrl(payloadIndex: number, extra = ''): string {
  // A URL cannot carry a lone surrogate: the browser would send U+FFFD.
  const q = wellFormed(sinkPayload(payloadIndex, 'QueryString'))
  return `/xss-page.aspx?p=${payloadIndex}&q=${encodeURIComponent(q)}${extra}`
}

// ---- checks --------------------------------------------------------------------------------

/**
 * The text with lone surrogates replaced by U+FFFD, as UTF-8 encoding (a response, a URL, a
 * form post) leaves it.
 *
 * @example
 * wellFormed('a\ud800') // 'a\ufffd'
 */
export function wellFormed(text: string): string {
  return text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
}

/**
 * What the document shows for text the server sent, as the HTML parser and UTF-8 leave it: NUL
 * dropped from text (`'\uFFFD'` in attributes), CR LF and CR as LF, lone surrogates as U+FFFD.
 *
 * @example
 * asParsed('a\r\nb\u0000') // 'a\nb'
 */
export function asParsed(text: string, where: 'text' | 'attribute' = 'text'): string {
  return wellFormed(text)
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, where === 'text' ? '' : '\ufffd')
}

/**
 * The DOM oracle: lists every place where a payload became markup or script in `doc` — an
 * element a payload brings (iframe, svg, details…), an event-handler attribute, script text,
 * a `javascript:`/`vbscript:`/`data:text` URL or a srcdoc holding the marker outside a JS
 * string literal. Self-contained (no outer references) so Playwright can run it in the page
 * (`page.evaluate(findInjections)`); also runs on a linkedom document.
 *
 * @example
 * expect(findInjections(document)).toEqual([])
 */
export function findInjections(doc: Document): string[] {
  const found: string[] = []
  const marker = /__xss|alert\s*\(|alert`/i
  // The marker may sit in Deltaform's own scripts, encoded inside string literals: strip them.
  const outsideStrings = (js: string) => js.replace(/'(?:[^'\\\n\r\u2028\u2029]|\\[\s\S])*'|"(?:[^"\\\n\r\u2028\u2029]|\\[\s\S])*"/g, "''")
  const describe = (el: Element) => {
    const id = el.getAttribute('id')
    return `<${el.tagName.toLowerCase()}${id ? ` id="${id}"` : ''}>`
  }
  const injectedTags = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'details', 'video', 'audio', 'source', 'base', 'marquee', 'noscript', 'xmp', 'template'])
  const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'poster', 'background', 'ping', 'codebase', 'srcset'])
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    const tag = el.tagName.toLowerCase()
    // The development error page has a bare <details> of its own (the stack trace).
    if (injectedTags.has(tag) && !(tag === 'details' && el.getAttributeNames().length === 0)) found.push(`an injected ${describe(el)} element`)
    if (tag === 'meta' && /refresh/i.test(el.getAttribute('http-equiv') ?? '')) found.push(`an injected meta refresh ${describe(el)}`)
    if (tag === 'script') {
      const text = el.textContent ?? ''
      if (marker.test(outsideStrings(text))) found.push(`script text outside a string literal: ${text.slice(0, 200)}`)
      if (marker.test(el.getAttribute('src') ?? '')) found.push(`a script src: ${el.getAttribute('src')}`)
    }
    for (const name of el.getAttributeNames()) {
      const value = el.getAttribute(name) ?? ''
      const lower = name.toLowerCase()
      if (lower.startsWith('on')) {
        if (marker.test(name) || marker.test(outsideStrings(value))) found.push(`event handler ${name}="${value.slice(0, 200)}" on ${describe(el)}`)
      } else if (lower === 'srcdoc') {
        found.push(`srcdoc="${value.slice(0, 200)}" on ${describe(el)}`)
      } else if (urlAttributes.has(lower)) {
        // What the browser sees: no whitespace or control characters in the scheme.
        const url = value.replace(/[\u0000-\u0020]/g, '')
        const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase()
        if (scheme === 'javascript' || scheme === 'vbscript') {
          let code = url.slice(scheme.length + 1)
          try {
            code = decodeURIComponent(code)
          } catch {
            // A malformed %-sequence: the browser would not run it either.
          }
          if (marker.test(outsideStrings(code))) found.push(`script URL ${name}="${value.slice(0, 200)}" on ${describe(el)}`)
        } else if (scheme === 'data' && !/^data:image\/(png|gif|jpe?g|webp|avif)[;,]/i.test(url)) {
          found.push(`data URL ${name}="${value.slice(0, 200)}" on ${describe(el)}`)
        }
      }
    }
  }
  return found
}

/**
 * Runs in the page: hovers and focuses every element of `doc` (synthetic `mouseover`,
 * `mouseenter`, `focus`, `focusin`), fires every other event a payload's handler could wait for
 * (pointer, keyboard, media, toggle, animation…) on each element that carries an `on…`
 * attribute, focuses those for real, and clicks `javascript:` links that are not Deltaform's own
 * postback links. A payload cannot attach a listener without running first, so inline handlers
 * are all there is to provoke. Never clicks, changes or submits anything of the page itself.
 * Self-contained, for `page.evaluate(provokeHandlers)`; returns the number of events fired.
 *
 * @example
 * await page.evaluate(provokeHandlers)
 */
export function provokeHandlers(doc: Document = document): number {
  const everywhere = ['mouseover', 'mouseenter', 'focus', 'focusin']
  const types = [
    'mousemove', 'mouseout', 'mouseleave', 'mousedown', 'mouseup', 'pointerover', 'pointerenter', 'pointerdown', 'pointerup',
    'pointermove', 'blur', 'focusout', 'keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'select', 'wheel', 'scroll',
    'toggle', 'load', 'error', 'animationstart', 'animationend', 'transitionend', 'copy', 'cut', 'paste', 'dblclick',
    'contextmenu', 'auxclick', 'dragstart', 'drop', 'touchstart', 'invalid', 'search', 'beforetoggle', 'begin', 'end',
  ]
  const EventOfDoc = (doc.defaultView as (Window & typeof globalThis) | null)?.Event ?? Event
  let fired = 0
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const type of everywhere) el.dispatchEvent(new EventOfDoc(type))
    fired += everywhere.length
    if (!el.getAttributeNames().some((name) => /^on/i.test(name))) continue
    for (const type of types) el.dispatchEvent(new EventOfDoc(type))
    fired += types.length
    const focus = (el as HTMLElement).focus
    if (typeof focus === 'function') focus.call(el)
  }
  for (const a of Array.from(doc.querySelectorAll('a[href], area[href]'))) {
    const href = (a.getAttribute('href') ?? '').replace(/[\u0000-\u0020]/g, '')
    if (/^javascript:/i.test(href) && !/^javascript:(__doPostBack|WebForm_DoPostBackWithOptions)\(/.test(href)) (a as HTMLElement).click()
  }
  return fired
}
