/**
 * An error the user caused and can fix. Its message is what the CLI prints, so it says what was
 * wrong and which flag, file or name to change.
 */
export class BulwarkError extends Error {
  override name = 'BulwarkError';
}

export const isBulwarkError = (error: unknown): error is BulwarkError =>
  error instanceof Error && error.name === 'BulwarkError';
