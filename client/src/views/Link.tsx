import type { ComponentChildren } from "preact";
import { onLinkClick } from "../router.js";

type LinkProps = { href: string; children: ComponentChildren; class?: string; testId?: string };

/** An ordinary link that navigates without reloading the page. */
export function Link({ href, children, class: className, testId }: LinkProps) {
  return (
    <a href={href} class={className} data-testid={testId} onClick={onLinkClick}>
      {children}
    </a>
  );
}
