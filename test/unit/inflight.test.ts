import { describe, expect, it, vi } from "vitest";
import { commandAnswered, commandStarted, whenAnswered } from "../../server/realtime/inflight.js";

describe("a revoked socket's unanswered commands", () => {
  it("disconnects at once when nothing is pending, else after the last answer", () => {
    const idle = {};
    const now = vi.fn();
    whenAnswered(idle, 1000, now);
    expect(now).toHaveBeenCalledTimes(1);

    const busy = {};
    commandStarted(busy);
    commandStarted(busy);
    const later = vi.fn();
    whenAnswered(busy, 60_000, later);
    commandAnswered(busy);
    expect(later).not.toHaveBeenCalled();
    commandAnswered(busy);
    expect(later).toHaveBeenCalledTimes(1);
    commandAnswered(busy);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it("a command that never answers cannot keep the socket past the grace time", () => {
    vi.useFakeTimers();
    try {
      const stuck = {};
      commandStarted(stuck);
      const done = vi.fn();
      whenAnswered(stuck, 2000, done);
      vi.advanceTimersByTime(1999);
      expect(done).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(done).toHaveBeenCalledTimes(1);
      commandAnswered(stuck);
      expect(done).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
