/**
 * One way to render a form field (NL Design System markup): a label that says whether the
 * field is required, an optional hint, the error when there is one, and a control tied to
 * both through `aria-describedby` and marked `aria-invalid`. `formFields` binds the page's
 * texts, posted values and errors once, so a form lists only what differs per field.
 */
import type { Child } from "hono/jsx";
import type { T } from "../i18n";
import type { Web } from "./context";
import { errorFor, field, fields, type FieldErrors, type FormValues } from "./form";

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

/** A field's hint under its label (the control's aria-describedby points at its id). */
function FieldHint({ id, hint }: { id: string; hint?: string | undefined }) {
  return hint ? (
    <p class="field__hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

/** A field's error message (the control's aria-describedby points at its id). */
export function FieldError({ t, id, error }: { t: T; id: string; error: string | undefined }) {
  return error ? (
    <p class="field__error" id={`${id}-error`}>
      <span class="visually-hidden">{t("form.errorPrefix")} </span>
      {error}
    </p>
  ) : null;
}

/** What ties a control to its field: its id and name, and the required, invalid and described-by states. */
function controlOf(p: FieldProps, error: string | undefined, described = Boolean(p.hint)) {
  return {
    id: p.id,
    name: p.name,
    autocomplete: p.autocomplete,
    "aria-required": p.required ? ("true" as const) : undefined,
    "aria-invalid": error ? ("true" as const) : undefined,
    "aria-describedby": describedBy(p.id, described, Boolean(error)),
  };
}

/** The frame of one field: label, hint, error, then the control. */
function Field(p: {
  t: T;
  id: string;
  label: string;
  required?: boolean | undefined;
  hint?: string | undefined;
  error?: string | undefined;
  extra?: Child;
  control: Child;
}) {
  return (
    <div class={`field${p.error ? " field--error" : ""}`}>
      <label class="field__label" for={p.id}>
        <LabelText t={p.t} label={p.label} required={p.required} />
      </label>
      <FieldHint id={p.id} hint={p.hint} />
      {p.extra}
      <FieldError t={p.t} id={p.id} error={p.error} />
      {p.control}
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
  autocomplete?: string;
}

export function TextField(
  p: FieldProps & {
    type?: "text" | "email" | "tel" | "password" | "number" | "date" | "time" | "url";
    inputmode?: "numeric" | "tel" | "email" | "text";
    width?: "s" | "m" | "l";
    min?: string;
    max?: string;
    /** The id of a `<datalist>` with suggestions. */
    list?: string;
  },
) {
  const error = errorFor(p.errors, p.id);
  return (
    <Field
      {...p}
      error={error}
      control={
        <input
          class={`input input--${p.width ?? "l"}`}
          {...controlOf(p, error)}
          type={p.type ?? "text"}
          value={p.value ?? ""}
          inputmode={p.inputmode}
          min={p.min}
          max={p.max}
          list={p.list}
        />
      }
    />
  );
}

export function TextArea(p: FieldProps & { warning?: Child; maxlength?: number }) {
  const error = errorFor(p.errors, p.id);
  return (
    <Field
      {...p}
      error={error}
      extra={p.warning}
      control={
        <textarea class="textarea" {...controlOf(p, error, Boolean(p.hint || p.warning))} rows={5} maxlength={p.maxlength}>
          {p.value ?? ""}
        </textarea>
      }
    />
  );
}

export type Option = { value: string; label: string; group?: string };

export function SelectField(p: FieldProps & { options: Option[]; empty?: string }) {
  const error = errorFor(p.errors, p.id);
  const groups = [...new Set(p.options.map((o) => o.group ?? ""))];
  const option = (o: Option) => (
    <option value={o.value} selected={o.value === p.value}>
      {o.label}
    </option>
  );
  return (
    <Field
      {...p}
      error={error}
      control={
        <select class="select" {...controlOf(p, error)}>
          {p.empty !== undefined ? <option value="">{p.empty}</option> : null}
          {groups.length > 1
            ? groups.map((g) => <optgroup label={g}>{p.options.filter((o) => (o.group ?? "") === g).map(option)}</optgroup>)
            : p.options.map(option)}
        </select>
      }
    />
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
  hint?: string | undefined;
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

/** The error summary above a form: links to each field; focused by app.js on load. */
export function ErrorSummary({ t, errors, title }: { t: T; errors: FieldErrors; title?: string | undefined }) {
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

type Bound<P> = Omit<P, "t" | "errors" | "value"> & { value?: string | undefined };

/**
 * The field components with the page's texts, posted values and errors filled in: a field's
 * value defaults to what was posted under its name.
 * @example const f = formFields(w, form, errors); <f.Text id="f-name" name="name" label={t("booking.name")} required />
 */
export function formFields(w: Web, values: FormValues, errors: FieldErrors) {
  const { t } = w;
  return {
    Text: (p: Bound<Parameters<typeof TextField>[0]>) => <TextField {...p} t={t} errors={errors} value={p.value ?? field(values, p.name)} />,
    Area: (p: Bound<Parameters<typeof TextArea>[0]>) => <TextArea {...p} t={t} errors={errors} value={p.value ?? field(values, p.name)} />,
    Select: (p: Bound<Parameters<typeof SelectField>[0]>) => <SelectField {...p} t={t} errors={errors} value={p.value ?? field(values, p.name)} />,
    Choices: (p: Omit<Parameters<typeof ChoiceGroup>[0], "t" | "errors" | "selected"> & { selected?: string[] }) => (
      <ChoiceGroup {...p} t={t} errors={errors} selected={p.selected ?? fields(values, p.name)} />
    ),
  };
}
