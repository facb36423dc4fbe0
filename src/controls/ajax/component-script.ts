import type { Control } from '../control.ts'

/**
 * The startup script that creates a client component for a control, as ASP.NET's script
 * descriptors write it: properties sorted by name, inside `Sys.Application.add_init`.
 *
 * @example
 * componentScript('Sys.UI._Timer', { interval: 1000, enabled: true, uniqueID: 'Timer1' }, timer)
 * // Sys.Application.add_init(function() {\n    $create(Sys.UI._Timer, {"enabled":true,"interval":1000,"uniqueID":"Timer1"}, null, null, $get("Timer1"));\n});
 */
export function componentScript(type: string, properties: Record<string, unknown>, control: Control): string {
  const sorted = Object.fromEntries(Object.keys(properties).sort().map((k) => [k, properties[k]]))
  const json = JSON.stringify(sorted).replace(/</g, '\\u003c')
  return `Sys.Application.add_init(function() {\n    $create(${type}, ${json}, null, null, $get(${JSON.stringify(control.clientID)}));\n});\n`
}
