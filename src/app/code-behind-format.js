// A Node module-loader hook (runs in the loader thread): code-behind files are ES modules.
export async function load(url, context, next) {
  if (/\.aspx\.ts(\?|$)/.test(url)) return next(url, { ...context, format: 'module' })
  return next(url, context)
}
