import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n/index.js";
import type { ChannelChat } from "../../state/chatState.js";

/** At most one announcement this often: a busy room must not talk over the meeting. */
const ANNOUNCE_EVERY_MS = 15_000;

/**
 * What the chat's polite live region says: how many new messages from others arrived, at most
 * once every 15 s, never the messages themselves (a screen reader reading a busy chat aloud would
 * drown the call; the list is there to read). The first page and older pages are not "new".
 */
export function useChatAnnouncement(chat: ChannelChat | undefined): string {
  const [text, setText] = useState("");
  const seen = useRef<number | null>(null);
  const pending = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const newestSeq = chat?.messages[chat.messages.length - 1]?.seq ?? 0;
  useEffect(() => {
    if (!chat?.loaded) return;
    if (seen.current === null) {
      seen.current = newestSeq;
      return;
    }
    const arrived = chat.messages.filter(
      (message) => message.seq > (seen.current ?? 0) && !chat.mine.has(message.seq) && !message.hidden,
    ).length;
    seen.current = Math.max(seen.current, newestSeq);
    if (arrived === 0) return;
    pending.current += arrived;
    if (timer.current !== undefined) return;
    const say = () => {
      timer.current = undefined;
      if (pending.current === 0) return;
      setText(t("chat.announceNew", { count: pending.current }));
      pending.current = 0;
      timer.current = setTimeout(say, ANNOUNCE_EVERY_MS);
    };
    say();
  }, [chat, newestSeq]);
  useEffect(() => () => clearTimeout(timer.current), []);
  return text;
}
