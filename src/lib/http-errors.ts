import { HTTPException } from "hono/http-exception";
import { DomainError, ERROR_STATUS, type ErrorCode, type ErrorIssue } from "./errors";

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: ErrorIssue[] };
}

/** Database codes that mean "the database is not there or gave up", not "your input is wrong". */
const UNAVAILABLE_CODES = new Set([
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "STREAM_EXPIRED",
  "SERVER_ERROR",
  "HRANA_WEBSOCKET_ERROR",
  "HRANA_CLOSED_ERROR",
  "TRANSACTION_CLOSED",
  "SQLITE_INTERRUPT",
  "SQLITE_ABORT",
]);

/** Finds the libSQL error code in an error or its causes (drizzle wraps driver errors). */
export function databaseErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (code.startsWith("SQLITE_") || UNAVAILABLE_CODES.has(code) || code.includes("HRANA") || code.includes("HTTP"))) return code;
    if (current instanceof TypeError && /fetch failed|network|connect/i.test(current.message)) return "NETWORK";
    // workerd reports a refused or dropped connection as a plain Error.
    if (/^(Network connection lost|fetch failed)|ECONNREFUSED|ECONNRESET/i.test(current.message)) return "NETWORK";
    if (current.name === "HttpServerError" || current.name === "HranaError") return "SERVER_ERROR";
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Maps any thrown value to the contract's error response. Never exposes a stack, SQL or a secret.
 * @example const { status, body } = toErrorResponse(err);
 */
export function toErrorResponse(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string>; unexpected: boolean } {
  if (error instanceof DomainError) {
    const headers: Record<string, string> = error.retryAfterSeconds ? { "Retry-After": String(error.retryAfterSeconds) } : {};
    return {
      status: ERROR_STATUS[error.code],
      body: { error: { code: error.code, message: error.message, ...(error.issues ? { issues: error.issues } : {}) } },
      headers,
      unexpected: false,
    };
  }
  if (error instanceof HTTPException) {
    const status = error.status;
    const code: ErrorCode =
      status === 413
        ? "payload_too_large"
        : status === 415
          ? "unsupported_media_type"
          : status === 404
            ? "not_found"
            : status < 500
              ? "validation_failed"
              : "internal_error";
    return { status, body: { error: { code, message: error.message || "The request could not be handled." } }, headers: {}, unexpected: status >= 500 };
  }
  const dbCode = databaseErrorCode(error);
  if (dbCode === "SQLITE_CONSTRAINT") {
    return {
      status: 409,
      body: { error: { code: "conflict", message: "This conflicts with existing data; nothing was changed." } },
      headers: {},
      unexpected: false,
    };
  }
  if (dbCode && dbCode !== "SQLITE_ERROR") {
    return {
      status: 503,
      body: { error: { code: "service_unavailable", message: "The service is temporarily unavailable. Nothing was changed; please try again in a moment." } },
      headers: { "Retry-After": "5" },
      unexpected: true,
    };
  }
  return {
    status: 500,
    body: { error: { code: "internal_error", message: "Something went wrong on our side. Please try again later." } },
    headers: {},
    unexpected: true,
  };
}
