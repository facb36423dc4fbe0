import { Control } from './control.ts'

/**
 * A container that renders only its children, for adding controls from code.
 *
 * @example
 * <asp:PlaceHolder ID="Slots" runat="server" />
 * this.Slots.controls.add(new Label())
 */
export class PlaceHolder extends Control {}
