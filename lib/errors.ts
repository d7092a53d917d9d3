/**
 * An error the user caused and can fix. Its message is what the CLI prints, so it says what was
 * wrong and which flag, file or name to change.
 */
export class BulwarkError extends Error {
  override name = 'BulwarkError';
}

export const isBulwarkError = (error: unknown): error is BulwarkError =>
  error instanceof Error && error.name === 'BulwarkError';

/**
 * Yeoman logs "An error occured while running <generator>#<task>" when a task throws, before
 * the error reaches the CLI, which prints it (a BulwarkError's message, else the stack, which
 * names the task). The line only makes a refusal look like a crash: a generator's logger without
 * it, everything else passed through.
 */
export function withoutTaskErrorLine<T>(log: T): T {
  // A generator made to print its help has no logger.
  if (log === null || (typeof log !== 'object' && typeof log !== 'function')) return log;
  return new Proxy(log as T & object, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'error' || typeof value !== 'function') return value;
      return (message: unknown, ...rest: unknown[]) =>
        typeof message === 'string' && message.startsWith('An error occured while running ') ? receiver : value.call(target, message, ...rest);
    },
  });
}
