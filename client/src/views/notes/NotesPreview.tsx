import { Fragment } from "preact";
import { useEffect, useMemo, useState } from "preact/hooks";
import type * as Y from "yjs";
import { t } from "../../i18n/index.js";
import {
  type Block,
  type Inline,
  type ListItem,
  type NotesSection,
  type OutcomeKind,
  parseNotesSections,
} from "../../notes/markdown.js";

const BADGE: Readonly<Record<OutcomeKind, "notes.badgeDecision" | "notes.badgeAction" | "notes.badgeRecommendation">> =
  {
    decision: "notes.badgeDecision",
    action: "notes.badgeAction",
    recommendation: "notes.badgeRecommendation",
  };

/**
 * The notes rendered from their Markdown, live. Everything is built as elements with text
 * children (Preact sets textContent): the notes are other people's text, never HTML.
 */
export function NotesPreview({ text }: { text: Y.Text }) {
  const [markdown, setMarkdown] = useState(() => text.toString());
  useEffect(() => {
    const update = () => setMarkdown(text.toString());
    update();
    text.observe(update);
    return () => text.unobserve(update);
  }, [text]);
  const sections = useMemo(() => parseNotesSections(markdown), [markdown]);
  return (
    <section class="notes-preview" data-testid="notes-preview" aria-label={t("notes.previewLabel")}>
      {sections.length === 0 ? <p class="muted">{t("notes.previewEmpty")}</p> : sections.map(renderSection)}
    </section>
  );
}

/** A "not for export" section is framed, and says first (so screen readers read it too) that the report leaves it out. */
function renderSection(section: NotesSection, index: number) {
  if (!section.notForExport) return <Fragment key={index}>{section.blocks.map(renderBlock)}</Fragment>;
  return (
    <div key={index} class="notes-private" data-testid="notes-private">
      <p class="notes-private-label">{t("notes.privateSection")}</p>
      {section.blocks.map(renderBlock)}
    </div>
  );
}

function renderBlock(block: Block, index: number) {
  switch (block.kind) {
    case "heading": {
      // The panel's own heading is an h2: the notes' headings sit below it.
      const level = Math.min(6, block.level + 2);
      const Tag = `h${level}` as "h3" | "h4" | "h5" | "h6";
      return (
        <Tag key={index} class={`notes-h notes-h${block.level}`}>
          <Inlines inlines={block.inlines} />
        </Tag>
      );
    }
    case "paragraph":
      return (
        <p key={index}>
          <Inlines inlines={block.inlines} />
        </p>
      );
    case "list": {
      const items = block.items.map((item, itemIndex) => <Item key={itemIndex} item={item} />);
      return block.ordered ? <ol key={index}>{items}</ol> : <ul key={index}>{items}</ul>;
    }
    default: {
      const unknown: never = block;
      return unknown;
    }
  }
}

function Item({ item }: { item: ListItem }) {
  const outcome = item.outcome;
  if (!outcome) {
    return (
      <li>
        <Inlines inlines={item.inlines} />
      </li>
    );
  }
  return (
    <li class={`notes-outcome notes-outcome-${outcome.kind}`} data-testid="notes-outcome" data-kind={outcome.kind}>
      <span class={`notes-badge notes-badge-${outcome.kind}`}>{t(BADGE[outcome.kind])}</span>{" "}
      <Inlines inlines={item.inlines} />
      {outcome.owner ? (
        <span class="notes-chip" data-testid="notes-outcome-owner">
          {t("notes.owner", { owner: outcome.owner })}
        </span>
      ) : null}
      {outcome.due ? (
        <span class="notes-chip" data-testid="notes-outcome-due">
          {t("notes.due", { date: outcome.due })}
        </span>
      ) : null}
    </li>
  );
}

function Inlines({ inlines }: { inlines: readonly Inline[] }) {
  return (
    <>
      {inlines.map((inline, index) =>
        inline.kind === "strong" ? (
          <strong key={index}>{inline.text}</strong>
        ) : inline.kind === "em" ? (
          <em key={index}>{inline.text}</em>
        ) : inline.kind === "code" ? (
          <code key={index}>{inline.text}</code>
        ) : (
          inline.text
        ),
      )}
    </>
  );
}
