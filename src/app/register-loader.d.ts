/**
 * Lets Node import TypeScript as it is (tsx), with `.aspx.ts` code-behind always loaded as ES modules.
 *
 * @example
 * registerTypeScriptLoader()
 */
export function registerTypeScriptLoader(): void
