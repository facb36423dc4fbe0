/**
 * An error a client can cause (tampered state, unknown event target, oversize body...).
 * The app answers it with `status` and `message`, never with a stack trace outside
 * development mode.
 *
 * @example
 * throw new HttpError(400, 'The __VIEWSTATE field was tampered with or signed with another key.')
 */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 409 | 413 | 414 | 415 | 431 | 500 | 503,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

/**
 * A mistake in a markup file, located by file, line and column (1-based).
 *
 * @example
 * throw new MarkupError('Unclosed tag <asp:Panel>.', 'pages/index.aspx', 12, 5)
 */
export class MarkupError extends Error {
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${file}:${line}:${column}: ${reason}`)
    this.name = 'MarkupError'
  }
}
