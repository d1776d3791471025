/** Small building blocks of page bodies: notices, term lists, breadcrumbs, data tables and figures. */
import type { Child } from "hono/jsx";
import type { T } from "../i18n";

/** A status message (success, info) shown at the top of a page. */
export function Notice({ kind, children, title }: { kind: "success" | "info" | "warning"; title?: string; children?: Child }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === "success" ? "status" : undefined}>
      {title ? <p class="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}

/** A short list of "term: value" rows. */
export function Details({ rows }: { rows: Array<[string, Child]> }) {
  return (
    <dl class="details">
      {rows.map(([term, value]) => (
        <div class="details__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Where the page sits: links up, the current page last (not a link). */
export function Breadcrumbs({ t, items }: { t: T; items: Array<[string, string | null]> }) {
  return (
    <nav class="breadcrumbs" aria-label={t("layout.breadcrumbs")}>
      <ol>
        {items.map(([label, href]) => (
          <li>{href ? <a href={href}>{label}</a> : <span aria-current="page">{label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** A table column header: its text, or its text and `num` for a right-aligned number column. */
export type Column = string | { label: string; num: true };

/** A right-aligned number column for `DataTable`. */
export const numCol = (label: string): Column => ({ label, num: true });

/**
 * A data table in a scrollable, keyboard-focusable wrapper, with a caption (hidden unless `captionVisible`)
 * and a header row of columns; the rows are the children (and `foot` the footer rows), or the
 * `empty` text when there are no rows.
 */
export function DataTable(p: {
  t: T;
  caption: string;
  columns: Column[];
  label?: string;
  captionVisible?: boolean;
  foot?: Child;
  /** Heads the table with its caption (an h2) and names the scroll region after it. */
  titled?: boolean;
  /** When a text is given (there are no rows), it stands instead of the table. */
  empty?: string | false;
  children: Child;
}) {
  const heading = p.titled ? <h2>{p.caption}</h2> : null;
  if (p.empty)
    return (
      <>
        {heading}
        <p class="empty">{p.empty}</p>
      </>
    );
  return (
    <>
      {heading}
      {/* On a phone a wide table scrolls sideways with its first column kept in view (site.css); this says so. */}
      {p.columns.length >= 4 ? (
        <p class="table-hint" aria-hidden="true">
          {p.t("layout.tableHint")}
        </p>
      ) : null}
      <section class="table-wrap" tabindex={0} aria-label={p.label ?? (p.titled ? p.caption : p.t("layout.table"))}>
        <table class="table">
          <caption class={p.captionVisible ? undefined : "visually-hidden"}>{p.caption}</caption>
          <thead>
            <tr>
              {p.columns.map((col) =>
                typeof col === "string" ? (
                  <th scope="col">{col}</th>
                ) : (
                  <th scope="col" class="num">
                    {col.label}
                  </th>
                ),
              )}
            </tr>
          </thead>
          <tbody>{p.children}</tbody>
          {p.foot ? <tfoot>{p.foot}</tfoot> : null}
        </table>
      </section>
    </>
  );
}

/** Key figures as large numbers with their labels. */
export function Stats({ items }: { items: Array<[label: string, value: Child]> }) {
  return (
    <ul class="stats">
      {items.map(([label, value]) => (
        <li class="stat">
          <span class="stat__value">{value}</span> <span class="stat__label">{label}</span>
        </li>
      ))}
    </ul>
  );
}

/** A titled box on a page (`class` adds e.g. "panel--accent"); its heading names it for screen readers. */
export function Panel(p: { id: string; title: Child; class?: string; as?: "section" | "aside"; children: Child }) {
  const heading = (
    <h2 id={`${p.id}-title`} class="heading-3">
      {p.title}
    </h2>
  );
  const cls = p.class ? `panel ${p.class}` : "panel";
  return p.as === "aside" ? (
    <aside class={cls} aria-labelledby={`${p.id}-title`}>
      {heading}
      {p.children}
    </aside>
  ) : (
    <section class={cls} aria-labelledby={`${p.id}-title`}>
      {heading}
      {p.children}
    </section>
  );
}

/** A table row's action: a one-button POST form whose button also names the row for screen readers. */
export function RowAction(p: { action: string; label: string; row: string }) {
  return (
    <td>
      <form method="post" action={p.action}>
        <button type="submit" class="button button--link">
          {p.label}
          <span class="visually-hidden"> {p.row}</span>
        </button>
      </form>
    </td>
  );
}
