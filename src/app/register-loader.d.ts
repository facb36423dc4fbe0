/** Lets Node import TypeScript as it is (tsx), with `.aspx.ts` code-behind always loaded as ES modules. */
export function registerTypeScriptLoader(): void
