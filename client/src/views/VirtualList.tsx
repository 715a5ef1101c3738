import { type ComponentChildren, Fragment } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

type VirtualListProps<T> = {
  items: readonly T[];
  rowHeight: number;
  keyOf: (item: T) => string;
  renderRow: (item: T, style: Record<string, string>, position: { index: number; size: number }) => ComponentChildren;
  testId?: string;
  labelledBy?: string;
};

const OVERSCAN = 8;

/**
 * Renders only the rows in view (plus a few): thousands of entries cost a few dozen DOM nodes.
 * Rows have a fixed height; each row gets its absolute position in `style`.
 */
export function VirtualList<T>({ items, rowHeight, keyOf, renderRow, testId, labelledBy }: VirtualListProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const frame = useRef(0);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewHeight, setViewHeight] = useState(640);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewHeight(element.clientHeight || 640));
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
    };
  }, []);

  function onScroll() {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => setScrollTop(scrollRef.current?.scrollTop ?? 0));
  }

  const size = items.length;
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - OVERSCAN);
  const last = Math.min(size, Math.ceil((scrollTop + viewHeight) / rowHeight) + OVERSCAN);
  const rows: ComponentChildren[] = [];
  for (let index = first; index < last; index++) {
    const item = items[index];
    if (item === undefined) continue;
    const style = { transform: `translateY(${index * rowHeight}px)`, height: `${rowHeight}px` };
    rows.push(<Fragment key={keyOf(item)}>{renderRow(item, style, { index, size })}</Fragment>);
  }

  return (
    <div class="vlist" ref={scrollRef} onScroll={onScroll}>
      <ul
        class="vlist-items"
        data-testid={testId}
        aria-labelledby={labelledBy}
        style={{ height: `${size * rowHeight}px` }}
      >
        {rows}
      </ul>
    </div>
  );
}
