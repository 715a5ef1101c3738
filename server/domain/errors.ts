import type { ErrorCode } from "../../shared/protocol.js";

/** A refusal the client caused or can act on; its code travels to the client as is. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** The store could not answer in time (Redis down, hung, or reconnecting). */
export class StoreUnavailableError extends DomainError {
  constructor(message = "the state store is unavailable, try again shortly") {
    super("UNAVAILABLE", message);
    this.name = "StoreUnavailableError";
  }
}
