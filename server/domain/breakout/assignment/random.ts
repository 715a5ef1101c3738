/** mulberry32: tiny, fast and good enough to shuffle people reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates, one draw per item but the first: the draws are what a seed reproduces. */
export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const draw = random();
    // A generator that strays outside [0, 1) must not lose or duplicate anyone.
    const j = draw >= 0 && draw < 1 ? Math.floor(draw * (i + 1)) : 0;
    const item = items[i]!;
    items[i] = items[j]!;
    items[j] = item;
  }
}
