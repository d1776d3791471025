/**
 * Page scaffolds: the shapes most pages take, so a new page fills in its parts instead of
 * copying another page's frame. `FormPage` is a page around one POST form; `MessagePage` a
 * short confirmation; `PeriodFilter` the from/to date chooser of the figures pages.
 */
import type { Child } from "hono/jsx";
import type { Web } from "./context";
import { ErrorSummary, TextField } from "./fields";
import type { FieldErrors } from "./form";
import { render } from "./page";
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

/** A form page's parts besides its fields (see {@link formPage}). */
export interface FormPageSpec {
  /** The heading (also the document title), an optional lead paragraph, and the submit button's text. */
  texts: { title: string; lead?: string | undefined; submit: string };
  action: string;
  errors: FieldErrors;
  /** 400 for a form with errors, 409 for a conflict, and so on; 200 by default. */
  status?: number;
  breadcrumbs?: Array<[string, string | null]>;
  notice?: Child;
  before?: Child;
  between?: Child;
  after?: Child;
  cancel?: { href: string; label: string } | undefined;
  errorTitle?: string | undefined;
  narrow?: boolean;
  /** A form section inside a larger page is headed by an h2 (and rendered by `FormSection`). */
  heading?: "h1" | "h2";
}

/**
 * The body of a page around one POST form, in this order: breadcrumbs, heading, notice, lead,
 * `before`, the error summary, `between`, the form (`fields`) with its actions, `after`.
 */
export function FormSection({ w, spec, fields }: { w: Web; spec: FormPageSpec; fields: Child }) {
  const { texts } = spec;
  const content = (
    <>
      {spec.breadcrumbs ? <Breadcrumbs t={w.t} items={spec.breadcrumbs} /> : null}
      {spec.heading === "h2" ? <h2>{texts.title}</h2> : <h1>{texts.title}</h1>}
      {spec.notice}
      {texts.lead ? <p class="lead">{texts.lead}</p> : null}
      {spec.before}
      <ErrorSummary t={w.t} errors={spec.errors} title={spec.errorTitle} />
      {spec.between}
      <form method="post" action={spec.action} class="form" novalidate>
        {fields}
        <FormActions submit={texts.submit} cancel={spec.cancel} />
      </form>
      {spec.after}
    </>
  );
  return spec.narrow ? <div class="narrow">{content}</div> : content;
}

/**
 * Renders a page around one POST form.
 * @example return formPage(w, { texts, action: "/inloggen", errors, status }, <f.Text id="f-email" name="email" label={t("login.email")} required />);
 */
export function formPage(w: Web, spec: FormPageSpec, fields: Child): Response | Promise<Response> {
  return render(w, { title: spec.texts.title, status: spec.status ?? 200, body: <FormSection w={w} spec={spec} fields={fields} /> });
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

/** Renders a {@link MessagePage}. */
export function messagePage(w: Web, p: Parameters<typeof MessagePage>[0]): Response | Promise<Response> {
  return render(w, { title: p.title, body: <MessagePage {...p} /> });
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
