import { computed, signal } from "@preact/signals";

/**
 * serverTime - Date.now() when `session:ready` arrived: added to the local clock it gives the
 * server's clock, so every countdown shows the same time whatever the device's clock says.
 */
export const clockOffset = signal(0);

/** The local clock, ticking once a second: components that read it re-render once a second, others never. */
const localNow = signal(Date.now());

/** The server's clock as far as this tab can tell, updated once a second. */
export const serverNow = computed(() => localNow.value + clockOffset.value);

let ticking: ReturnType<typeof setTimeout> | undefined;

function tick(): void {
  localNow.value = Date.now();
  // Lands just after each whole second, so a countdown changes its digits in step with the clock.
  ticking = setTimeout(tick, 1000 - (Date.now() % 1000) + 5);
}

export function setServerTime(serverTime: number): void {
  clockOffset.value = serverTime - Date.now();
  localNow.value = Date.now();
  if (ticking === undefined) tick();
}

/** Something time-related just arrived (a round opened, a help request): show it against the clock of now, not of the last tick. */
export function refreshClock(): void {
  localNow.value = Date.now();
}

/**
 * "4:05", "1:02:03"; never negative. A countdown rounds to the nearest second (the clock
 * offset carries a few milliseconds of network delay, which must not show as an extra
 * second); elapsed time rounds down.
 */
export function formatDuration(milliseconds: number, rounding: "nearest" | "down" = "nearest"): string {
  const whole = rounding === "nearest" ? Math.round(milliseconds / 1000) : Math.floor(milliseconds / 1000);
  const total = Math.max(0, whole);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const ss = String(seconds).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${ss}` : `${minutes}:${ss}`;
}
