// Errors the CLI reports to the user as one line.

/** A mistake in how the tool was called or what it was given: reported as one line, never a stack trace. */
export class UserError extends Error {
  override name = 'UserError';
}
