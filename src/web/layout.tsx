/** The page frame (header, navigation, main, footer) and the form building blocks every page shares. */
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import { setRenderer, type FieldErrors, type PageSpec, type Web, errorFor } from "./web";
import type { T } from "./i18n";
import { assetUrl } from "../http/assets";

function languageSwitch(w: Web) {
  const url = new URL(w.c.req.url);
  const other = w.locale === "nl" ? "en" : "nl";
  url.searchParams.set("lang", other);
  return (
    <a class="lang-switch" href={`${url.pathname}${url.search}`} lang={other} hreflang={other}>
      {other === "en" ? "English" : "Nederlands"}
    </a>
  );
}

function staffNav(w: Web) {
  const a = w.actor;
  if (!a) return null;
  const { t } = w;
  const links: Array<[string, string]> = [];
  if ((a.role === "region_admin" || a.role === "frontdesk_staff") && a.regionSlug) {
    links.push([`/beheer/${a.regionSlug}/agenda`, t("nav.agenda")]);
  }
  if (a.role === "consultant" && a.regionSlug) links.push([`/beheer/${a.regionSlug}/trajecten`, t("nav.caseload")]);
  if ((a.role === "region_admin" || a.role === "frontdesk_staff" || a.role === "consultant") && a.regionSlug) {
    links.push([`/beheer/${a.regionSlug}/kandidaten`, t("nav.candidates")]);
  }
  if (a.role === "region_admin" && a.regionSlug) links.push([`/beheer/${a.regionSlug}/toewijzen`, t("nav.assign")]);
  if (a.role === "region_admin" && a.regionSlug) {
    links.push([`/beheer/${a.regionSlug}/loketten`, t("nav.frontdesks")]);
    links.push([`/beheer/${a.regionSlug}/meldingen`, t("nav.notifications")]);
    links.push([`/beheer/${a.regionSlug}/medewerkers`, t("nav.accounts")]);
  }
  if (a.role === "platform_admin") links.push(["/beheer", t("nav.regions")]);
  if (a.role === "province_viewer" || a.role === "platform_admin") links.push(["/provincie", t("nav.province")]);
  links.push(["/account/wachtwoord", t("nav.password")]);
  const path = new URL(w.c.req.url).pathname;
  return (
    <nav class="staff-nav" aria-label={t("nav.staffLabel")}>
      <div class="container staff-nav__inner">
        <ul>
          {links.map(([href, label]) => (
            <li>
              <a href={href} aria-current={path === href || path.startsWith(`${href}/`) ? "page" : undefined}>
                {label}
              </a>
            </li>
          ))}
        </ul>
        <form method="post" action="/uitloggen" class="staff-nav__logout">
          <span class="staff-nav__user">{t("nav.signedInAs", { name: a.name })}</span>
          <button type="submit" class="button button--link">
            {t("nav.signOut")}
          </button>
        </form>
      </div>
    </nav>
  );
}

function Layout({ w, title, children }: { w: Web; title: string; children: Child }) {
  const { t } = w;
  return (
    <html lang={w.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | MKB Limburg`}</title>
        <link rel="stylesheet" href={assetUrl("site.css")} />
        <script src={assetUrl("app.js")} defer />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t("layout.skip")}
        </a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href="/">
              <span class="brand__mark" aria-hidden="true" />
              <span class="brand__text">
                <span class="brand__name">MKB Limburg</span>
                <span class="brand__tagline">{w.region ? w.region.name : t("layout.tagline")}</span>
              </span>
            </a>
            {languageSwitch(w)}
          </div>
        </header>
        {staffNav(w)}
        <main id="main" tabindex={-1}>
          <div class="container">{children}</div>
        </main>
        <footer class="site-footer">
          <div class="container site-footer__inner">
            <p class="site-footer__about">{t("layout.footerAbout")}</p>
            <nav aria-label={t("layout.footerNav")}>
              <ul>
                <li>
                  <a href="/toegankelijkheid">{t("layout.accessibility")}</a>
                </li>
                <li>
                  <a href="/privacy">{t("layout.privacy")}</a>
                </li>
                <li>
                  <a href="/inloggen">{t("layout.staffLogin")}</a>
                </li>
                <li>
                  <a href="/api/docs">{t("layout.api")}</a>
                </li>
              </ul>
            </nav>
          </div>
        </footer>
      </body>
    </html>
  );
}

setRenderer((w: Web, page: PageSpec) =>
  w.c.html(
    html`<!doctype html>${(
      <Layout w={w} title={page.title}>
        {page.body as Child}
      </Layout>
    )}`,
    (page.status ?? 200) as 200,
  ),
);

/** The error summary above a form: links to each field; focused by app.js on load. */
export function ErrorSummary({ t, errors, title }: { t: T; errors: FieldErrors; title?: string }) {
  if (errors.length === 0) return null;
  return (
    <div class="error-summary" id="error-summary" tabindex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" class="error-summary__title">
        {title ?? t("form.errorSummary")}
      </h2>
      <ul>
        {errors.map((e) => (
          <li>{e.id ? <a href={`#${e.id}`}>{e.message}</a> : e.message}</li>
        ))}
      </ul>
    </div>
  );
}

/** A status message (success, info) shown at the top of a page. */
export function Notice({ kind, children, title }: { kind: "success" | "info" | "warning"; title?: string; children?: Child }) {
  return (
    <div class={`notice notice--${kind}`} role={kind === "success" ? "status" : undefined}>
      {title ? <p class="notice__title">{title}</p> : null}
      {children}
    </div>
  );
}

interface FieldProps {
  t: T;
  id: string;
  name: string;
  label: string;
  errors: FieldErrors;
  value?: string | undefined;
  required?: boolean;
  hint?: string | undefined;
  type?: "text" | "email" | "tel" | "password" | "number" | "date" | "time" | "url";
  autocomplete?: string;
  inputmode?: "numeric" | "tel" | "email" | "text";
  width?: "s" | "m" | "l";
  min?: string;
  max?: string;
}

function describedBy(id: string, hint: boolean, error: boolean): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function LabelText({ t, label, required }: { t: T; label: string; required?: boolean | undefined }) {
  return (
    <>
      {label} {required ? <span class="field__req">{t("form.required")}</span> : <span class="field__opt">{t("form.optional")}</span>}
    </>
  );
}

/** A field's hint under its label (the input's aria-describedby points at its id). */
function FieldHint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <p class="field__hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

/** A field's error message (the input's aria-describedby points at its id). */
function FieldError({ t, id, error }: { t: T; id: string; error: string | undefined }) {
  return error ? (
    <p class="field__error" id={`${id}-error`}>
      <span class="visually-hidden">{t("form.errorPrefix")} </span>
      {error}
    </p>
  ) : null;
}

export function TextField(p: FieldProps) {
  const error = errorFor(p.errors, p.id);
  return (
    <div class={`field${error ? " field--error" : ""}`}>
      <label class="field__label" for={p.id}>
        <LabelText t={p.t} label={p.label} required={p.required} />
      </label>
      <FieldHint id={p.id} hint={p.hint} />
      <FieldError t={p.t} id={p.id} error={error} />
      <input
        class={`input input--${p.width ?? "l"}`}
        id={p.id}
        name={p.name}
        type={p.type ?? "text"}
        value={p.value ?? ""}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        min={p.min}
        max={p.max}
        aria-required={p.required ? "true" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(p.id, Boolean(p.hint), Boolean(error))}
      />
    </div>
  );
}

export function TextArea(p: Omit<FieldProps, "type" | "inputmode" | "width"> & { warning?: Child; maxlength?: number }) {
  const error = errorFor(p.errors, p.id);
  return (
    <div class={`field${error ? " field--error" : ""}`}>
      <label class="field__label" for={p.id}>
        <LabelText t={p.t} label={p.label} required={p.required} />
      </label>
      {p.hint ? (
        <div class="field__hint" id={`${p.id}-hint`}>
          {p.hint}
        </div>
      ) : null}
      {p.warning}
      <FieldError t={p.t} id={p.id} error={error} />
      <textarea
        class="textarea"
        id={p.id}
        name={p.name}
        rows={5}
        maxlength={p.maxlength}
        aria-required={p.required ? "true" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(p.id, Boolean(p.hint || p.warning), Boolean(error)) ?? undefined}
      >
        {p.value ?? ""}
      </textarea>
    </div>
  );
}

export function SelectField(
  p: Omit<FieldProps, "type" | "inputmode" | "width"> & { options: Array<{ value: string; label: string; group?: string }>; empty?: string },
) {
  const error = errorFor(p.errors, p.id);
  const groups = [...new Set(p.options.map((o) => o.group ?? ""))];
  const option = (o: { value: string; label: string }) => (
    <option value={o.value} selected={o.value === p.value}>
      {o.label}
    </option>
  );
  return (
    <div class={`field${error ? " field--error" : ""}`}>
      <label class="field__label" for={p.id}>
        <LabelText t={p.t} label={p.label} required={p.required} />
      </label>
      <FieldHint id={p.id} hint={p.hint} />
      <FieldError t={p.t} id={p.id} error={error} />
      <select
        class="select"
        id={p.id}
        name={p.name}
        autocomplete={p.autocomplete}
        aria-required={p.required ? "true" : undefined}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={describedBy(p.id, Boolean(p.hint), Boolean(error))}
      >
        {p.empty !== undefined ? <option value="">{p.empty}</option> : null}
        {groups.length > 1
          ? groups.map((g) => <optgroup label={g}>{p.options.filter((o) => (o.group ?? "") === g).map(option)}</optgroup>)
          : p.options.map(option)}
      </select>
    </div>
  );
}

/** A group of radios or checkboxes in a fieldset with a legend; the first input carries the id the error summary links to. */
export function ChoiceGroup(p: {
  t: T;
  id: string;
  name: string;
  legend: string;
  type: "radio" | "checkbox";
  options: Array<{ value: string; label: string }>;
  selected: string[];
  errors: FieldErrors;
  required?: boolean;
  hint?: string;
  inline?: boolean;
}) {
  const error = errorFor(p.errors, p.id);
  return (
    <fieldset class={`field fieldset${error ? " field--error" : ""}`} aria-describedby={describedBy(p.id, Boolean(p.hint), Boolean(error))}>
      <legend class="field__label">
        <LabelText t={p.t} label={p.legend} required={p.required} />
      </legend>
      <FieldHint id={p.id} hint={p.hint} />
      <FieldError t={p.t} id={p.id} error={error} />
      <div class={p.inline ? "choices choices--inline" : "choices"}>
        {p.options.map((o, i) => {
          const id = i === 0 ? p.id : `${p.id}-${i}`;
          return (
            <div class="choice">
              <input
                class="choice__input"
                type={p.type}
                id={id}
                name={p.name}
                value={o.value}
                checked={p.selected.includes(o.value)}
                aria-required={p.required && p.type === "radio" ? "true" : undefined}
                aria-invalid={error ? "true" : undefined}
              />
              <label class="choice__label" for={id}>
                {o.label}
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
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

/**
 * A data table in a scrollable, keyboard-focusable wrapper, with a caption (hidden unless `captionVisible`)
 * and a header row of columns; the rows are the children.
 */
export function DataTable(p: { t: T; caption: string; columns: Column[]; label?: string; captionVisible?: boolean; children: Child }) {
  return (
    <section class="table-wrap" tabindex={0} aria-label={p.label ?? p.t("layout.table")}>
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
      </table>
    </section>
  );
}

/** A right-aligned number column for `DataTable`. */
export const numCol = (label: string): Column => ({ label, num: true });
