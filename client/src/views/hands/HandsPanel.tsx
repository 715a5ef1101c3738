import { t } from "../../i18n/index.js";
import { MyHand } from "./MyHand.js";
import { ReactionBar } from "./ReactionBar.js";
import { ReactionBursts } from "./ReactionBursts.js";
import { SpeakerQueue } from "./SpeakerQueue.js";
import "./hands.css";

/**
 * The plenary's hands and reactions: the reaction bar and the bursts everyone sees; a person's
 * own hand, or the speaker queue for facilitators (who call from it).
 */
export function HandsPanel({ isFacilitator }: { isFacilitator: boolean }) {
  return (
    <section class="panel hands-panel" aria-labelledby="hands-heading" data-testid="hands-panel">
      <h2 id="hands-heading">{t("hands.heading")}</h2>
      {isFacilitator ? <SpeakerQueue /> : <MyHand />}
      <ReactionBar />
      <ReactionBursts />
    </section>
  );
}
