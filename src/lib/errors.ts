/** Every error code the API can answer with, and its HTTP status: the one place they are mapped. */
export const ERROR_STATUS = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  slot_unavailable: 409,
  too_late: 409,
  has_future_appointments: 409,
  frontdesk_archived: 409,
  registration_closed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorIssue {
  path: string;
  message: string;
}

/**
 * The one error type of the domain: a literal code, a message a person understands,
 * and for validation the field issues. Transports map the code to a status.
 * @example throw new DomainError("slot_unavailable", "This time is no longer available.")
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: ErrorIssue[],
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Shorthand for the 404 that also hides another region's data. */
export function notFound(what = "This resource"): DomainError {
  return new DomainError("not_found", `${what} was not found.`);
}
