import type { QnaService } from "../services/qnaService.js";
import { type DefinedHandler, defineHandler } from "./defineHandler.js";

/** Moderated Q&A: boards, asking, author actions by secret, upvotes, moderation. */
export function qnaHandlers(qna: QnaService): DefinedHandler[] {
  return [
    defineHandler("qna:board", ({ who, payload }) => qna.board(who, payload)),
    defineHandler("qna:ask", ({ who, command, payload }) => qna.ask(who, command, payload)),
    defineHandler("qna:edit", ({ who, payload }) => qna.edit(who, payload)),
    defineHandler("qna:withdraw", ({ who, payload }) => qna.withdraw(who, payload)),
    defineHandler("qna:mine", ({ who, payload }) => qna.mine(who, payload)),
    defineHandler("qna:upvote", ({ who, payload }) => qna.upvote(who, payload)),
    defineHandler("qna:approve", ({ who, command, payload }) => qna.approve(who, command, payload)),
    defineHandler("qna:dismiss", ({ who, command, payload }) => qna.dismiss(who, command, payload)),
    defineHandler("qna:restore", ({ who, command, payload }) => qna.restore(who, command, payload)),
    defineHandler("qna:pin", ({ who, command, payload }) => qna.pin(who, command, payload)),
    defineHandler("qna:answer", ({ who, command, payload }) => qna.answer(who, command, payload)),
    defineHandler("qna:reply", ({ who, command, payload }) => qna.reply(who, command, payload)),
    defineHandler("qna:correct", ({ who, command, payload }) => qna.correct(who, command, payload)),
    defineHandler("qna:claim", ({ who, command, payload }) => qna.claim(who, command, payload)),
    defineHandler("qna:settings", ({ who, command, payload }) => qna.settings(who, command, payload)),
  ];
}
