import type { Control } from './control.ts'
import type { PostBackOptions } from './host.ts'
import type { WebControl } from './web-control.ts'

/** What Command handlers receive (Button, LinkButton, ImageButton). */
export interface CommandEventArgs {
  commandName: string
  commandArgument: string
}

/** The properties the three button controls share (ASP.NET's IButtonControl). */
export interface ButtonControl extends WebControl {
  text: string
  causesValidation: boolean
  validationGroup: string
  commandName: string
  commandArgument: string
  onClientClick: string
  postBackUrl: string
}

/**
 * The button-control properties and their defaults, for defineStateProperties.
 *
 * @example
 * defineStateProperties(Button, { text: '', ...buttonProperties })
 */
export const buttonProperties = {
  causesValidation: true,
  validationGroup: '',
  commandName: '',
  commandArgument: '',
  onClientClick: '',
  postBackUrl: '',
}

/**
 * Raises a button's postback: event validation, validation of its group, then Click,
 * Command and the bubbled Command (ASP.NET order: Click runs even when validation failed).
 *
 * @example
 * raisePostBackEvent(arg) { return raiseButtonEvents(this, arg, {}) }
 */
export async function raiseButtonEvents(button: ButtonControl, argument: string, clickArgs: unknown): Promise<void> {
  const host = button.host!
  host.clientScript.validateEvent(button.uniqueID, argument)
  if (button.causesValidation) await host.validate(button.validationGroup)
  await button.raise('Click', clickArgs)
  const command: CommandEventArgs = { commandName: button.commandName, commandArgument: button.commandArgument }
  await button.raise('Command', command)
  await button.raiseBubbleEvent(button as Control, command)
}

/**
 * The postback options of a button (ASP.NET's GetPostBackOptions), for references.
 *
 * @example
 * clientScript.getPostBackEventReference(button, buttonPostBackOptions(button, true))
 */
export function buttonPostBackOptions(button: ButtonControl, clientSubmit: boolean, argument = ''): PostBackOptions {
  return {
    argument,
    clientSubmit,
    actionUrl: button.postBackUrl || undefined,
    validationGroup: button.validationGroup || undefined,
  }
}
