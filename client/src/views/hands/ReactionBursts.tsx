import { REACTION_KINDS, REACTION_SYMBOLS, totalOf } from "../../../../shared/hands.js";
import { t } from "../../i18n/index.js";
import { reactionBursts, type ShownBurst } from "../../state/handsState.js";

/** Symbols that float up for one burst at most: a big burst shows as many, not hundreds. */
const FLOATS_PER_BURST = 12;

/**
 * The plenary's reactions, a burst at a time: symbols float up for a moment, and a line of
 * counts says how many of each. With reduced motion only the counts are shown (CSS).
 */
export function ReactionBursts() {
  const bursts = reactionBursts.value;
  const latest = bursts[bursts.length - 1];
  return (
    <div class="reaction-bursts" data-testid="reaction-bursts">
      <div class="reaction-floats" aria-hidden="true">
        {bursts.map((burst) => (
          <Floats key={burst.id} burst={burst} />
        ))}
      </div>
      {latest ? (
        <p class="reaction-counts" data-testid="reaction-counts">
          <span class="visually-hidden">{t("reactions.recent")} </span>
          {REACTION_KINDS.map((kind, i) => {
            const count = latest.counts[i] ?? 0;
            return count > 0 ? (
              <span key={kind} class="reaction-count" title={t(`reactions.${kind}`)}>
                <span aria-hidden="true">{REACTION_SYMBOLS[kind]}</span>
                <span class="visually-hidden">{t(`reactions.${kind}`)}</span> {count}
              </span>
            ) : null;
          })}
        </p>
      ) : null}
    </div>
  );
}

/** A handful of symbols, in proportion to each kind's share of the burst, spread across the width. */
function Floats({ burst }: { burst: ShownBurst }) {
  const total = totalOf(burst.counts);
  const shown = Math.min(total, FLOATS_PER_BURST);
  const symbols: string[] = [];
  REACTION_KINDS.forEach((kind, i) => {
    const share = Math.max((burst.counts[i] ?? 0) > 0 ? 1 : 0, Math.round(((burst.counts[i] ?? 0) / total) * shown));
    for (let n = 0; n < share && symbols.length < FLOATS_PER_BURST; n++) symbols.push(REACTION_SYMBOLS[kind]);
  });
  return (
    <>
      {symbols.map((symbol, n) => (
        <span
          key={n}
          class="reaction-float"
          style={{
            insetInlineStart: `${(((n * 37 + burst.id * 11) % 90) + 5).toString()}%`,
            animationDelay: `${(n % 6) * 80}ms`,
          }}
        >
          {symbol}
        </span>
      ))}
    </>
  );
}
