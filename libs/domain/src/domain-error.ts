/** How the edge should answer a broken rule; the domain says what went wrong, not which HTTP status. */
export type DomainErrorKind = 'not-found' | 'conflict' | 'forbidden' | 'invalid';

export class DomainError extends Error {
  override readonly name: string = 'DomainError';

  constructor(
    readonly kind: DomainErrorKind,
    message: string,
    /** A stable machine-readable code, e.g. "assignment-not-signed". */
    readonly code: string,
  ) {
    super(message);
  }
}
