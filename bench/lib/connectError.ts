/**
 * Why a Socket.IO connection was refused, as a load generator counts it: the server's refusal
 * code (`error.data.code`, e.g. RATE_LIMITED, JOIN_CODE_INVALID) when the handshake middleware
 * gave one, otherwise the client's own message (socket.io-client says "timeout" when the
 * connection itself did not open within 20 s). Shared by every generator that joins or connects
 * over Socket.IO, so their failure tables use the same keys.
 */
export function connectErrorReason(error: Error): string {
  const data = "data" in error && typeof error.data === "object" && error.data !== null ? error.data : null;
  return data && "code" in data && typeof data.code === "string" ? data.code : `connect_error: ${error.message}`;
}
