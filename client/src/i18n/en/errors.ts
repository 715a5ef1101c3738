/** What went wrong, in words: input that does not pass the checks, and every error code. */
export const errors = {
  "validation.title": "Please enter a title of at most {max} characters, without control characters.",
  "validation.displayName": "Please enter a name of at most {max} characters, without control characters.",
  "validation.joinCode": "A join code has six letters and digits, for example ABC-DEF.",

  "error.BAD_REQUEST": "The request was not valid.",
  "error.UNKNOWN_EVENT": "The server did not understand this request.",
  "error.UNAUTHORIZED": "Your session is no longer valid. Please join again.",
  "error.INVALID_JOIN_CODE": "There is no open workshop with this join code. Check the code and try again.",
  "error.INVALID_DISPLAY_NAME": "This display name cannot be used. Please choose another one.",
  "error.SESSION_REVOKED": "You can no longer take part in this workshop.",
  "error.PROTOCOL_MISMATCH": "This page is out of date. Please reload it.",
  "error.FORBIDDEN": "You are not allowed to do this.",
  "error.NOT_FOUND": "This no longer exists.",
  "error.CONFLICT": "This changed in the meantime. Please try again.",
  "error.WORKSHOP_ENDED": "This workshop has ended.",
  "error.INVALID_STATE": "This cannot be done right now (the round may have changed). Please look again.",
  "error.ROOM_FULL": "This room is full.",
  "error.POLL_CLOSED": "This poll is closed: your vote was not counted.",
  "error.ALREADY_VOTED":
    "You have already voted (or took your vote back), and this poll does not allow voting again or changing a vote.",
  "error.RATE_LIMITED": "Too many requests. Please wait a moment and try again.",
  "error.TOO_MANY_CONNECTIONS":
    "You have this workshop open in too many tabs or devices at once. Close one of them, then try again.",
  "error.PAYLOAD_TOO_LARGE": "This is too long.",
  "error.UNAVAILABLE": "The server is busy or restarting. Please try again in a moment.",
  "error.INTERNAL": "Something went wrong on the server. Please try again.",
  "error.network": "Could not reach the server. Check your connection and try again.",
  "error.timeout": "The server did not answer in time. Please try again.",
  "error.dismiss": "Dismiss",
} as const;
