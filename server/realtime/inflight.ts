/**
 * Commands a socket has started and not yet answered. A socket being revoked (removed, the
 * workshop ended) is disconnected only once they are answered: the facilitator who ends the
 * workshop gets the ack of "end" even though the ending itself disconnects them. Bounded by
 * a grace time, so a stuck command cannot keep a revoked socket alive.
 */
interface Pending {
  count: number;
  idle: Array<() => void>;
}

const pendingBySocket = new WeakMap<object, Pending>();

export function commandStarted(socket: object): void {
  const pending = pendingBySocket.get(socket);
  if (pending) pending.count++;
  else pendingBySocket.set(socket, { count: 1, idle: [] });
}

export function commandAnswered(socket: object): void {
  const pending = pendingBySocket.get(socket);
  if (!pending) return;
  pending.count--;
  if (pending.count > 0) return;
  pendingBySocket.delete(socket);
  for (const callback of pending.idle) callback();
}

/** Runs `callback` once the socket has no unanswered command, or after `graceMs`, whichever is first. */
export function whenAnswered(socket: object, graceMs: number, callback: () => void): void {
  const pending = pendingBySocket.get(socket);
  if (!pending) {
    callback();
    return;
  }
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    callback();
  };
  const timer = setTimeout(once, graceMs);
  pending.idle.push(once);
}
