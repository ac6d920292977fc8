/**
 * One error class for the whole library, with a stable `code`. A bad *output* is a low score with a
 * `reason`; a broken scorer, spec or input is a `RewardkitError`.
 */
export const errorCodes = {
  SPEC_INVALID: 400,
  INPUT_INVALID: 400,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  GONE: 410,
  NOT_APPLICABLE: 422,
  TIMEOUT: 504,
  ABORTED: 499,
  NON_FINITE: 500,
  NODE_FAILED: 500,
  MODULE_LOAD_FAILED: 500,
  UPSTREAM_ERROR: 502,
  RATE_LIMITED: 429,
  FORBIDDEN: 403,
  OVERLOADED: 503,
  SHUTTING_DOWN: 503,
  PARSE_FAILED: 422,
  JUDGE_REFUSED: 422,
  SANDBOX_UNAVAILABLE: 503,
  LIMIT_EXCEEDED: 422,
  STATE_ERROR: 500,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorCodes;

const marker = Symbol.for("rewardkit.error");

export interface RewardkitErrorOptions {
  /** Where the problem is: a spec path (`reward.terms[0].weight`), a file and line, a field. */
  path?: string;
  cause?: unknown;
  /** Whether trying again may succeed (network faults, 429, 5xx). */
  retryable?: boolean;
  details?: Record<string, unknown>;
}

export class RewardkitError extends Error {
  readonly [marker] = true;
  readonly code: ErrorCode;
  readonly path: string | undefined;
  readonly retryable: boolean;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: RewardkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RewardkitError";
    this.code = code;
    this.path = options.path;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  /** Identity check that survives duplicate installs of the package. */
  static isInstance(value: unknown): value is RewardkitError {
    return typeof value === "object" && value !== null && marker in value;
  }

  get httpStatus(): number {
    return errorCodes[this.code];
  }

  /** The message with its location, as users see it: `reward.terms[0].weight: expected number`. */
  get located(): string {
    return this.path ? `${this.path}: ${this.message}` : this.message;
  }
}

/** Any thrown value as a RewardkitError, keeping the original as `cause`. */
export function toRewardkitError(value: unknown, fallback: ErrorCode = "NODE_FAILED"): RewardkitError {
  if (RewardkitError.isInstance(value)) return value;
  if (value instanceof Error) {
    if (value.name === "AbortError") return new RewardkitError("ABORTED", value.message, { cause: value });
    if (value.name === "TimeoutError") return new RewardkitError("TIMEOUT", value.message, { cause: value });
    return new RewardkitError(fallback, value.message, { cause: value });
  }
  return new RewardkitError(fallback, String(value));
}
