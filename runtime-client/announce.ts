// Accessible announcements: a panel's AnnounceText after its update (polite), and an unhandled
// async-postback error (assertive), through visually hidden live regions made on first use.
const regions: Record<string, HTMLElement> = {}

/**
 * Says `text` through a live region (`polite` or `assertive`).
 *
 * @example
 * announce('Results updated', 'polite')
 */
export function announce(text: string, politeness: 'polite' | 'assertive'): void {
  let region = regions[politeness]
  if (!region || !document.body.contains(region)) {
    region = regions[politeness] = document.createElement('div')
    region.setAttribute('aria-live', politeness)
    region.setAttribute('role', politeness === 'polite' ? 'status' : 'alert')
    region.className = 'df-announce'
    // Visually hidden, still read (set through the CSSOM: no style attribute for a strict CSP).
    Object.assign(region.style, { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' })
    document.body.append(region)
  }
  // A change of content is what screen readers announce: clear first, then set.
  region.textContent = ''
  setTimeout(() => (region!.textContent = text), 50)
}

/**
 * Announces an updated panel's AnnounceText (its first child `<span hidden data-df-announce>`).
 *
 * @example
 * announcePanel(panel)
 */
export function announcePanel(panel: Element): void {
  const first = panel.firstElementChild
  if (first && first.hasAttribute('data-df-announce')) announce(first.textContent || '', 'polite')
}
