// Intl.NumberFormat objects are costly to create (toLocaleString with options makes one per
// call): one per style and digit count, made on first use.
const numberFormats = new Map<string, Intl.NumberFormat>()

function numberFormat(style: 'currency' | 'decimal', digits: number | undefined): Intl.NumberFormat {
  const key = `${style}${digits ?? ''}`
  let format = numberFormats.get(key)
  if (!format) {
    const fraction = digits === undefined ? (style === 'currency' ? {} : { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : { minimumFractionDigits: digits, maximumFractionDigits: digits }
    format = new Intl.NumberFormat('en-US', style === 'currency' ? { style, currency: 'USD', ...fraction } : fraction)
    numberFormats.set(key, format)
  }
  return format
}

/**
 * Formats a value with a .NET composite format string (`{0}`, `{0:C}`, `{0:N2}`, `{0:d}`,
 * `{0:yyyy-MM-dd}`), invariant English culture, as `Eval("Price", "{0:C}")` does.
 *
 * @example
 * formatValue(12.5, '{0:C}')          // '$12.50'
 * formatValue(1234.5, 'Total: {0:N1}') // 'Total: 1,234.5'
 */
export function formatValue(value: unknown, format: string): string {
  return format.replace(/\{\{|\}\}|\{0(?:,(-?\d+))?(?::([^}]*))?\}/g, (match, align: string | undefined, spec: string | undefined) => {
    if (match === '{{') return '{'
    if (match === '}}') return '}'
    let text = spec ? formatOne(value, spec) : toText(value)
    if (align) {
      const width = Number(align)
      text = width < 0 ? text.padEnd(-width) : text.padStart(width)
    }
    return text
  })
}

function toText(value: unknown): string {
  if (value == null) return ''
  if (value instanceof Date) return value.toISOString()
  return String(value)
}

function formatOne(value: unknown, spec: string): string {
  if (value instanceof Date || (typeof value === 'string' && /^[dDtTgGfFMmYy]$/.test(spec) && !isNaN(Date.parse(value)))) {
    return formatDate(value instanceof Date ? value : new Date(value as string), spec)
  }
  const n = typeof value === 'number' ? value : Number(value)
  if (value == null || value === '' || Number.isNaN(n)) return toText(value)
  const m = /^([CcNnFfDdPpXxEe])(\d*)$/.exec(spec)
  if (!m) return toText(value)
  const digits = m[2] === '' ? undefined : Number(m[2])
  switch (m[1]!.toUpperCase()) {
    case 'C':
      return numberFormat('currency', digits).format(n)
    case 'N':
      return numberFormat('decimal', digits).format(n)
    case 'F':
      return n.toFixed(digits ?? 2)
    case 'D':
      return (n < 0 ? '-' : '') + String(Math.trunc(Math.abs(n))).padStart(digits ?? 0, '0')
    case 'P':
      return numberFormat('decimal', digits).format(n * 100) + ' %'
    case 'X': {
      const hex = Math.trunc(n).toString(16).padStart(digits ?? 0, '0')
      return m[1] === 'X' ? hex.toUpperCase() : hex
    }
    default:
      return n.toExponential(digits ?? 6)
  }
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0')
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const dayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

function formatDate(d: Date, spec: string): string {
  if (Number.isNaN(d.getTime())) return ''
  const standard: Record<string, string> = {
    d: 'M/d/yyyy', D: 'dddd, MMMM d, yyyy', t: 'h:mm tt', T: 'h:mm:ss tt', g: 'M/d/yyyy h:mm tt', G: 'M/d/yyyy h:mm:ss tt',
    f: 'dddd, MMMM d, yyyy h:mm tt', F: 'dddd, MMMM d, yyyy h:mm:ss tt', M: 'MMMM d', m: 'MMMM d', Y: 'MMMM yyyy', y: 'MMMM yyyy',
  }
  const pattern = standard[spec] ?? spec
  return pattern.replace(/yyyy|yy|MMMM|MMM|MM|M|dddd|ddd|dd|d|HH|H|hh|h|mm|m|ss|s|tt|'[^']*'/g, (t) => {
    const h12 = d.getHours() % 12 || 12
    switch (t) {
      case 'yyyy': return String(d.getFullYear())
      case 'yy': return pad(d.getFullYear() % 100)
      case 'MMMM': return monthNames[d.getMonth()]!
      case 'MMM': return monthNames[d.getMonth()]!.slice(0, 3)
      case 'MM': return pad(d.getMonth() + 1)
      case 'M': return String(d.getMonth() + 1)
      case 'dddd': return dayNames[d.getDay()]!
      case 'ddd': return dayNames[d.getDay()]!.slice(0, 3)
      case 'dd': return pad(d.getDate())
      case 'd': return String(d.getDate())
      case 'HH': return pad(d.getHours())
      case 'H': return String(d.getHours())
      case 'hh': return pad(h12)
      case 'h': return String(h12)
      case 'mm': return pad(d.getMinutes())
      case 'm': return String(d.getMinutes())
      case 'ss': return pad(d.getSeconds())
      case 's': return String(d.getSeconds())
      case 'tt': return d.getHours() < 12 ? 'AM' : 'PM'
      default: return t.slice(1, -1)
    }
  })
}

/**
 * Reads a field or a dotted path (`"Customer.Name"`) from a data item; Maps and arrays work.
 *
 * @example
 * evalPath({ customer: { name: 'Ann' } }, 'Customer.Name') // 'Ann' (case-insensitive fallback)
 */
export function evalPath(item: unknown, path: string): unknown {
  let current = item
  for (const part of path.split('.')) {
    if (current == null) return undefined
    if (current instanceof Map) {
      current = current.get(part)
      continue
    }
    const obj = current as Record<string, unknown>
    if (part in obj) current = obj[part]
    else {
      const lower = part.toLowerCase()
      const key = Object.keys(obj).find((k) => k.toLowerCase() === lower)
      current = key === undefined ? undefined : obj[key]
    }
  }
  return current
}
