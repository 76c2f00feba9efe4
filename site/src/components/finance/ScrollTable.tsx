import type { ReactNode } from "react";

interface Props {
  caption: string;
  testId: string;
  /** Data attributes of the table (what it shows, for scripts and tests). */
  data?: Record<`data-${string}`, string>;
  children: ReactNode;
}

/**
 * A wide table that scrolls sideways on narrow screens; the scrolling region takes keyboard focus and is
 * named by the caption, so keyboard users can scroll it too.
 */
export default function ScrollTable({ caption, testId, data, children }: Props) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section className="finance-table" aria-label={caption} tabIndex={0}>
      <table data-testid={testId} {...data}>
        <caption>{caption}</caption>
        {children}
      </table>
    </section>
  );
}
