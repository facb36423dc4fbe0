/** The style properties that WebControl and TableItemStyle share. */
export interface StyleProperties {
  foreColor: string
  backColor: string
  borderColor: string
  borderWidth: string
  borderStyle: string
  fontBold: boolean
  fontItalic: boolean
  fontUnderline: boolean
  fontSize: string
  fontNames: string
  height: string
  width: string
}

/**
 * The inline CSS of the shared style properties, in ASP.NET's order.
 *
 * @example
 * label.foreColor = 'red'; label.width = '100'
 * styleCss(label) // 'color:red;width:100px;'
 */
export function styleCss(s: StyleProperties): string {
  let css = ''
  if (s.foreColor) css += `color:${s.foreColor};`
  if (s.backColor) css += `background-color:${s.backColor};`
  if (s.borderColor) css += `border-color:${s.borderColor};`
  if (s.borderWidth) css += `border-width:${unit(s.borderWidth)};`
  if (s.borderStyle && s.borderStyle !== 'NotSet') css += `border-style:${s.borderStyle.toLowerCase()};`
  if (s.fontBold) css += 'font-weight:bold;'
  if (s.fontItalic) css += 'font-style:italic;'
  if (s.fontUnderline) css += 'text-decoration:underline;'
  if (s.fontSize) css += `font-size:${unit(s.fontSize)};`
  if (s.fontNames) css += `font-family:${s.fontNames};`
  if (s.height) css += `height:${unit(s.height)};`
  if (s.width) css += `width:${unit(s.width)};`
  return css
}

/**
 * A CSS length from a Web Forms unit: `"100"` → `"100px"`; units and percentages stay.
 *
 * @example
 * unit('12') // '12px'
 */
export function unit(value: string): string {
  return /^\d+(\.\d+)?$/.test(value) ? `${value}px` : value
}
