/**
 * Thrown when a backend was asked for but cannot be loaded; the message names the package to install
 * and what it needs from the system.
 */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
  constructor(
    /** The backend that was asked for. */
    readonly backend: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
