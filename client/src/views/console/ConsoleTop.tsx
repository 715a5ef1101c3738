import type { RefObject } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { t } from "../../i18n/index.js";
import { AttentionBar } from "./AttentionBar.js";
import { waitingCount } from "./model.js";
import { consoleSections, jumpTo, listenForShortcuts } from "./sections.js";

/**
 * The facilitator console's fixed parts: the attention bar (sticky under the page's top bar),
 * the navigation to every section (beside the panels on a wide screen, a scrolling row under
 * the bar on a phone), the "g then key" shortcuts, and the tab title counting who waits.
 */
export function ConsoleTop({ title }: { title: string }) {
  useEffect(() => listenForShortcuts(), []);
  const topRef = useRef<HTMLDivElement>(null);
  useStickyHeights(topRef);
  useTitleCount(title);
  return (
    <div class="console-top" data-testid="console-top" ref={topRef}>
      <AttentionBar />
      <nav class="console-nav" aria-label={t("console.navLabel")} data-testid="console-nav">
        <ul>
          {consoleSections.map((section) => (
            <li key={section.id}>
              <button
                type="button"
                class="console-nav-item"
                data-testid={`console-nav-${section.id}`}
                aria-keyshortcuts={`g ${section.key}`}
                onClick={() => jumpTo(section.id)}
              >
                <span>{t(section.label)}</span>
                <kbd>g {section.key}</kbd>
              </button>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}

/** "(3) Asia Regional Forum": a facilitator in another tab sees that people wait. */
function useTitleCount(title: string): void {
  const count = waitingCount.value;
  const shown = useRef("");
  useEffect(() => {
    shown.current = count > 0 ? t("console.tabTitle", { count, title }) : title;
    document.title = shown.current;
  }, [count, title]);
  useEffect(
    () => () => {
      // Only a title this console wrote is put back (the quick exit blanks it, and it stays blank).
      if (document.title === shown.current) document.title = t("app.name");
    },
    [],
  );
}

/**
 * The sticky parts sit under the page's top bar, and what the navigation jumps to under both:
 * their heights change as they wrap (phones, languages, what waits), so they are measured.
 */
function useStickyHeights(consoleTop: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const topbar = document.querySelector<HTMLElement>(".topbar");
    const own = consoleTop.current;
    const root = document.documentElement;
    const observer = new ResizeObserver(() => {
      if (topbar) root.style.setProperty("--topbar-height", `${topbar.offsetHeight}px`);
      if (own) root.style.setProperty("--console-top-height", `${own.offsetHeight}px`);
    });
    if (topbar) observer.observe(topbar);
    if (own) observer.observe(own);
    return () => {
      observer.disconnect();
      root.style.removeProperty("--topbar-height");
      root.style.removeProperty("--console-top-height");
    };
  }, [consoleTop]);
}
