import { useEffect, useRef, useState } from "preact/hooks";
import { CHAT_TEXT_MAX, type ChatChannelId, type ChatMessageView } from "../../../../shared/chat.js";
import type { ParticipantId } from "../../../../shared/ids.js";
import { moderatesBoard } from "../../../../shared/qnaRules.js";
import { errorMessage, locale, t } from "../../i18n/index.js";
import { discardFailed, followChat, hideChatMessage, loadOlder, sendChatMessage } from "../../net/chat.js";
import { type OutgoingMessage, openChats } from "../../state/chatState.js";
import { myRole } from "../../state/myRole.js";
import type { ClientErrorCode } from "../../state/session.js";
import { workshopState } from "../../state/workshopState.js";
import { textLength } from "../qna/parts.js";
import { useChatAnnouncement } from "./announce.js";

const clockTime = new Intl.DateTimeFormat(locale, { timeStyle: "short" });

type ChatPanelProps = { channelId: ChatChannelId; myId: ParticipantId };

/**
 * The chat of the plenary or of one room, for people who cannot hold video: the messages (newest
 * at the bottom, older ones a tap away), a box that sends on Enter (Shift+Enter: a new line), and
 * for moderators "Hide" with a reason everyone sees. Compact, so it fits a phone beside the rest.
 */
export function ChatPanel({ channelId, myId }: ChatPanelProps) {
  useEffect(() => followChat(channelId), [channelId]);
  const chat = openChats.value.get(channelId);
  const role = myRole.value ?? "participant";
  const canHide = moderatesBoard({ participantId: myId, role }, channelId, workshopState.round.value);
  const announcement = useChatAnnouncement(chat);
  const listRef = useRef<HTMLOListElement>(null);
  const newest = chat?.messages[chat.messages.length - 1]?.seq ?? 0;
  const outgoingCount = chat?.outgoing.length ?? 0;
  useEffect(() => {
    // Keep the newest in view as messages arrive (not when older ones are loaded above).
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [newest, outgoingCount]);
  const headingId = `chat-heading-${channelId}`;
  return (
    <section class="panel chat" aria-labelledby={headingId} data-testid="chat-panel" data-channel={channelId}>
      <h2 id={headingId}>{t("chat.heading")}</h2>
      <p class="hint">{channelId === "plenary" ? t("chat.introPlenary") : t("chat.introRoom")}</p>
      {chat?.hasOlder ? (
        <button
          type="button"
          class="link-button chat-older"
          data-testid="chat-older"
          onClick={() => void loadOlder(channelId)}
        >
          {t("chat.older")}
        </button>
      ) : null}
      <ol class="chat-messages" ref={listRef} data-testid="chat-messages" aria-label={t("chat.messagesLabel")}>
        {chat?.loaded && chat.messages.length === 0 && chat.outgoing.length === 0 ? (
          <li class="hint">{t("chat.empty")}</li>
        ) : null}
        {chat?.messages.map((message) => (
          <ChatLine
            key={message.seq}
            message={message}
            mine={chat.mine.has(message.seq)}
            canHide={canHide}
            channelId={channelId}
          />
        ))}
        {chat?.outgoing.map((outgoing) => (
          <OutgoingLine key={outgoing.commandId} outgoing={outgoing} channelId={channelId} />
        ))}
      </ol>
      <ChatBox channelId={channelId} />
      <p class="visually-hidden" aria-live="polite" data-testid="chat-live">
        {announcement}
      </p>
    </section>
  );
}

type ChatLineProps = { message: ChatMessageView; mine: boolean; canHide: boolean; channelId: ChatChannelId };

function ChatLine({ message, mine, canHide, channelId }: ChatLineProps) {
  const [hiding, setHiding] = useState(false);
  if (message.hidden) {
    return (
      <li class="chat-message chat-message-hidden" data-testid="chat-message" data-seq={message.seq} data-hidden="true">
        <span class="chat-hidden-label">{t("chat.hiddenBy")}</span>{" "}
        <span class="chat-text" dir="auto" data-testid="chat-hidden-reason">
          {message.hidden.reason}
        </span>
      </li>
    );
  }
  const author = mine ? t("chat.you") : (message.author ?? t("chat.neutralAuthor"));
  return (
    <li class={`chat-message${mine ? " chat-mine" : ""}`} data-testid="chat-message" data-seq={message.seq}>
      <span class="chat-meta">
        <span class="chat-author" dir="auto">
          {author}
        </span>{" "}
        <time class="chat-time" dateTime={new Date(message.at).toISOString()}>
          {clockTime.format(message.at)}
        </time>
      </span>
      <span class="chat-text" dir="auto" data-testid="chat-text">
        {message.text}
      </span>
      {canHide ? (
        hiding ? (
          <HideForm channelId={channelId} seq={message.seq} onDone={() => setHiding(false)} />
        ) : (
          <button
            type="button"
            class="link-button chat-hide"
            data-testid="chat-hide"
            aria-label={t("chat.hideLabel", { text: message.text ?? "" })}
            onClick={() => setHiding(true)}
          >
            {t("chat.hide")}
          </button>
        )
      ) : null}
    </li>
  );
}

function HideForm({ channelId, seq, onDone }: { channelId: ChatChannelId; seq: number; onDone: () => void }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const inputId = `chat-hide-reason-${channelId}-${seq}`;
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => inputRef.current?.focus(), []);
  async function submit(event: Event) {
    event.preventDefault();
    if (!reason.trim()) return;
    const outcome = await hideChatMessage(channelId, seq, reason.trim());
    if (outcome?.ok) onDone();
    else if (outcome) setError(outcome.error.code);
  }
  return (
    <form class="chat-hide-form" onSubmit={submit} data-testid="chat-hide-form">
      <label for={inputId}>{t("chat.hideReason")}</label>
      <input
        id={inputId}
        ref={inputRef}
        data-testid="chat-hide-reason-input"
        maxLength={200}
        value={reason}
        onInput={(event) => setReason(event.currentTarget.value)}
      />
      <button type="submit" class="button danger" data-testid="chat-hide-confirm" disabled={!reason.trim()}>
        {t("chat.hideConfirm")}
      </button>
      <button type="button" class="button secondary" onClick={onDone}>
        {t("chat.cancel")}
      </button>
      {error ? (
        <p class="error" role="alert">
          {errorMessage(error)}
        </p>
      ) : null}
    </form>
  );
}

function OutgoingLine({ outgoing, channelId }: { outgoing: OutgoingMessage; channelId: ChatChannelId }) {
  const failed = outgoing.status === "failed";
  return (
    <li class="chat-message chat-mine chat-outgoing" data-testid="chat-outgoing" data-status={outgoing.status}>
      <span class="chat-meta">
        <span class="chat-author">{t("chat.you")}</span>{" "}
        <span class={failed ? "chat-failed" : "chat-sending"}>{failed ? t("chat.failed") : t("chat.sending")}</span>
      </span>
      <span class="chat-text" dir="auto">
        {outgoing.text}
      </span>
      {failed ? (
        <span class="chat-actions">
          <button
            type="button"
            class="link-button"
            data-testid="chat-retry"
            onClick={() => void sendChatMessage(channelId, outgoing.text, outgoing.commandId)}
          >
            {t("chat.retry")}
          </button>
          <button type="button" class="link-button" onClick={() => discardFailed(channelId, outgoing.commandId)}>
            {t("chat.discard")}
          </button>
        </span>
      ) : null}
    </li>
  );
}

function ChatBox({ channelId }: { channelId: ChatChannelId }) {
  const [text, setText] = useState("");
  const [error, setError] = useState<ClientErrorCode | null>(null);
  const length = textLength(text);
  const tooLong = length > CHAT_TEXT_MAX;
  const inputId = `chat-input-${channelId}`;

  function send() {
    if (length === 0 || tooLong) return;
    const sending = text;
    setText("");
    setError(null);
    void sendChatMessage(channelId, sending.trim()).then((outcome) => {
      if (outcome && !outcome.ok) setError(outcome.error.code);
    });
  }

  return (
    <form
      class="chat-box"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for={inputId} class="visually-hidden">
        {t("chat.inputLabel")}
      </label>
      <textarea
        id={inputId}
        data-testid="chat-input"
        rows={1}
        placeholder={t("chat.inputLabel")}
        value={text}
        aria-describedby={`${inputId}-count`}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // Enter sends; Shift+Enter is a new line; an input method composing a word keeps its Enter.
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      <button type="submit" class="button primary" data-testid="chat-send" disabled={length === 0 || tooLong}>
        {t("chat.send")}
      </button>
      <p id={`${inputId}-count`} class={`hint chat-count${tooLong ? " error" : ""}`}>
        {length > CHAT_TEXT_MAX - 100 ? t("chat.count", { length, max: CHAT_TEXT_MAX }) : ""}
      </p>
      {error ? (
        <p class="error" role="alert" data-testid="chat-error">
          {error === "RATE_LIMITED" ? t("chat.rateLimited") : errorMessage(error)}
        </p>
      ) : null}
    </form>
  );
}
