/**
 * Page scaffolds: the shapes most pages take, so a new page fills in its parts instead of
 * copying another page's frame. `FormPage` is a page around one POST form; `MessagePage` a
 * short confirmation; `PeriodFilter` the from/to date chooser of the figures pages.
 */
import type { Child } from "hono/jsx";
import type { Web } from "./context";
import { ErrorSummary, TextField } from "./fields";
import type { FieldErrors } from "./form";
import { Breadcrumbs, Notice } from "./ui";

/** A form's buttons: the submit button and, optionally, a way back. */
export function FormActions(p: { submit: string; kind?: "primary" | "secondary" | "warning"; cancel?: { href: string; label: string } | undefined }) {
  return (
    <div class="form__actions">
      <button type="submit" class={`button button--${p.kind ?? "primary"}`}>
        {p.submit}
      </button>
      {p.cancel ? <a href={p.cancel.href}>{p.cancel.label}</a> : null}
    </div>
  );
}

/**
 * A page around one POST form, in this order: breadcrumbs, heading, notice, lead, `before`,
 * the error summary, `between`, the form (its fields are the children) with its actions, `after`.
 */
export function FormPage(p: {
  w: Web;
  title: string;
  errors: FieldErrors;
  action: string;
  submit: string;
  children: Child;
  breadcrumbs?: Array<[string, string | null]>;
  notice?: Child;
  lead?: Child;
  before?: Child;
  between?: Child;
  after?: Child;
  cancel?: { href: string; label: string } | undefined;
  errorTitle?: string | undefined;
  narrow?: boolean;
  /** A form section inside a larger page is headed by an h2. */
  heading?: "h1" | "h2";
}) {
  const content = (
    <>
      {p.breadcrumbs ? <Breadcrumbs t={p.w.t} items={p.breadcrumbs} /> : null}
      {p.heading === "h2" ? <h2>{p.title}</h2> : <h1>{p.title}</h1>}
      {p.notice}
      {p.lead ? <p class="lead">{p.lead}</p> : null}
      {p.before}
      <ErrorSummary t={p.w.t} errors={p.errors} title={p.errorTitle} />
      {p.between}
      <form method="post" action={p.action} class="form" novalidate>
        {p.children}
        <FormActions submit={p.submit} cancel={p.cancel} />
      </form>
      {p.after}
    </>
  );
  return p.narrow ? <div class="narrow">{content}</div> : content;
}

/** A short page that confirms something happened, with a way on. */
export function MessagePage(p: { title: string; text: string; more?: Child; link: { href: string; label: string } }) {
  return (
    <div class="narrow">
      <h1>{p.title}</h1>
      <Notice kind="success" title={p.title}>
        <p>{p.text}</p>
      </Notice>
      {p.more}
      <p>
        <a href={p.link.href}>{p.link.label}</a>
      </p>
    </div>
  );
}

/** The from/to chooser of a figures page (a GET form; `errors` point at `f-from` or `f-to`). */
export function PeriodFilter(p: { w: Web; action: string; from: string; to: string; errors: FieldErrors }) {
  const { t } = p.w;
  return (
    <form method="get" action={p.action} class="form form--inline panel" novalidate>
      <TextField t={t} id="f-from" name="from" type="date" label={t("prov.from")} errors={p.errors} value={p.from} width="m" />
      <TextField t={t} id="f-to" name="to" type="date" label={t("prov.to")} errors={p.errors} value={p.to} width="m" />
      <FormActions submit={t("prov.show")} kind="secondary" />
    </form>
  );
}
