/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] ?? Number.NaN;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

export function max(values: readonly number[]): number {
  let highest = Number.NaN;
  for (const value of values) if (!(value <= highest)) highest = value;
  return highest;
}

/** Millisecond buckets -> counts, plus the pairs never seen (Infinity in the percentiles). */
export interface Histogram {
  buckets: Map<number, number>;
  never: number;
}

export function mergeHistograms(parts: ReadonlyArray<{ buckets: Record<string, number>; never: number }>): Histogram {
  const buckets = new Map<number, number>();
  let neverSeen = 0;
  for (const part of parts) {
    neverSeen += part.never;
    for (const [bucket, count] of Object.entries(part.buckets)) {
      buckets.set(Number(bucket), (buckets.get(Number(bucket)) ?? 0) + count);
    }
  }
  return { buckets, never: neverSeen };
}

/** Nearest-rank percentile of a histogram, as `percentile` does for a list. */
export function histogramPercentile(histogram: Histogram, p: number): number {
  let total = histogram.never;
  for (const count of histogram.buckets.values()) total += count;
  if (total === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const bucket of [...histogram.buckets.keys()].sort((a, b) => a - b)) {
    seen += histogram.buckets.get(bucket) ?? 0;
    if (seen >= rank) return bucket;
  }
  return Number.POSITIVE_INFINITY;
}
