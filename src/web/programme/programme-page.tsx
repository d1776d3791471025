/**
 * `/programma` (issue 19): the programme office's steering page: progress of Limburg and of
 * each region against its share, and the form that sets a period's targets (the same service
 * and schema as `PUT /api/v1/programme/targets`). One read batch after the session.
 */
import * as v from "valibot";
import { rolesAccess } from "../../features/auth/policy";
import { TargetsBody } from "../../features/programme/programme.schemas";
import { COUNTED, programmeProgress, setTargets, type ProgrammeProgress } from "../../features/programme/programme.service";
import { TARGET_INDICATORS } from "../../db/schema";
import { DomainError } from "../../lib/errors";
import type { Web } from "../kit/context";
import { ErrorSummary } from "../kit/fields";
import { field, readForm, type FieldErrors, type FormValues } from "../kit/form";
import { number } from "../kit/format";
import { actorOf, render, seeOther, withQuery, pageRoute, type PageRoute } from "../kit/page";
import { FormActions, PeriodFilter } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { askedPeriod } from "../reports/province-dashboard";
import { ProgressSection, TargetChart } from "./progress-section";

const OFFICE = rolesAccess("programme_office");

/** The form's values from the progress read (the current targets of the shown target period). */
function valuesOf(progress: ProgrammeProgress): FormValues {
  const values: FormValues = { from: progress.targetPeriod?.from ?? progress.period.from, to: progress.targetPeriod?.to ?? progress.period.to };
  for (const i of progress.total.indicators) {
    values[`min-${i.indicator}`] = i.target ? String(i.target.min) : "";
    values[`max-${i.indicator}`] = i.target?.max != null ? String(i.target.max) : "";
  }
  values["min-consultant_fte"] = progress.total.capacity.plannedFte === null ? "" : String(progress.total.capacity.plannedFte);
  for (const r of progress.regions) values[`share-${r.region.slug}`] = r.sharePercent === null ? "" : String(r.sharePercent);
  return values;
}

function TargetsForm({ w, progress, values, errors }: { w: Web; progress: ProgrammeProgress; values: FormValues; errors: FieldErrors }) {
  const { t } = w;
  const input = (name: string, label: string, step = "1") => (
    <p class="field">
      <label for={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} type="number" min="0" step={step} inputmode="decimal" value={field(values, name)} class="input input--s" />
    </p>
  );
  return (
    <form method="post" action="/programma" class="form">
      <h2 id="targets-form">{t("prog.formTitle")}</h2>
      <fieldset>
        <legend>{t("prog.targetPeriod", { from: field(values, "from"), to: field(values, "to") })}</legend>
        <p class="field">
          <label for="f-target-from">{t("prov.from")}</label>
          <input id="f-target-from" name="from" type="date" value={field(values, "from")} required class="input" />
        </p>
        <p class="field">
          <label for="f-target-to">{t("prov.to")}</label>
          <input id="f-target-to" name="to" type="date" value={field(values, "to")} required class="input" />
        </p>
      </fieldset>
      {TARGET_INDICATORS.map((i) => (
        <fieldset>
          <legend>{t(`prog.ind.${i}`)}</legend>
          {input(`min-${i}`, t("prog.min"), i === "consultant_fte" ? "0.1" : "1")}
          {i === "plans" ? input(`max-${i}`, t("prog.max")) : null}
        </fieldset>
      ))}
      <fieldset>
        <legend>{t("prog.share")}</legend>
        {progress.regions.map((r) => input(`share-${r.region.slug}`, `${r.region.name} (%)`, "0.1"))}
      </fieldset>
      <ErrorSummary t={t} errors={errors} />
      <FormActions submit={t("adm.save")} />
    </form>
  );
}

async function programmePage(w: Web, form: FormValues | null = null, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const asked = askedPeriod(w);
  const progress = await programmeProgress(w.c.var.db, asked.period);
  const regionRows = progress.regions.map((r) => ({ label: r.region.name, capacity: r.capacity }));
  return render(w, {
    title: t("prog.title"),
    status: asked.errors.length ? 400 : status,
    body: (
      <>
        <h1>{t("prog.title")}</h1>
        <p class="lead">{t("prog.lead")}</p>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("adm.saved")} /> : null}
        <ErrorSummary t={t} errors={asked.errors} />
        <PeriodFilter w={w} action="/programma" from={asked.from || asked.period.from} to={asked.to || asked.period.to} errors={asked.errors} />
        <ProgressSection
          w={w}
          targetPeriod={progress.targetPeriod}
          indicators={progress.total.indicators}
          funnel={progress.total.funnel}
          capacity={[...regionRows, { label: t("prog.total"), capacity: progress.total.capacity }]}
          chartTitle={t("prog.chart")}
        />
        <h2>{t("prog.regions")}</h2>
        {progress.regions.map((r) => (
          <section aria-labelledby={`region-${r.region.slug}`}>
            <h3 id={`region-${r.region.slug}`}>
              {r.region.name}
              {r.sharePercent === null ? null : <span class="subtitle"> {`${t("prog.share")}: ${number(r.sharePercent, w.locale, 1)}%`}</span>}
            </h3>
            <TargetChart w={w} id={`chart-${r.region.slug}`} title={`${t("prog.chartRegion")}: ${r.region.name}`} indicators={r.indicators} />
            <p>
              <a href={`/beheer/${r.region.slug}/kandidaten`}>{`${t("prog.manage")}: ${r.region.name}`}</a>
            </p>
          </section>
        ))}
        <TargetsForm w={w} progress={progress} values={form ?? valuesOf(progress)} errors={errors} />
      </>
    ),
  });
}

const numberOrNull = (text: string): number | null => {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" ? null : Number(trimmed);
};

async function programmeSubmit(w: Web) {
  const form = await readForm(w);
  const progress = await programmeProgress(w.c.var.db, askedPeriod(w).period);
  const targets = [...COUNTED, "consultant_fte" as const].flatMap((indicator) => {
    const min = numberOrNull(field(form, `min-${indicator}`));
    return min === null ? [] : [{ indicator, min, max: numberOrNull(field(form, `max-${indicator}`)) }];
  });
  const shares = progress.regions.flatMap((r) => {
    const percent = numberOrNull(field(form, `share-${r.region.slug}`));
    return percent === null ? [] : [{ region: r.region.slug, percent }];
  });
  const parsed = v.safeParse(TargetsBody, { from: field(form, "from"), to: field(form, "to"), targets, shares });
  if (!parsed.success) return programmePage(w, form, [{ id: "f-target-from", message: parsed.issues[0]?.message ?? w.t("prov.err.period") }], 400);
  try {
    const body = parsed.output;
    await setTargets(
      w.c.var.db,
      actorOf(w),
      { period: { from: body.from, to: body.to }, targets: body.targets.map((x) => ({ ...x, max: x.max ?? null })), shares: body.shares },
      w.now,
    );
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "validation_failed") throw error;
    return programmePage(w, form, [{ id: "f-target-from", message: error.issues?.[0]?.message ?? error.message }], 400);
  }
  return seeOther(w, withQuery("/programma", { from: parsed.output.from, to: parsed.output.to, klaar: 1 }));
}

export const programmePages: PageRoute[] = [
  pageRoute("get", "/programma", OFFICE, (w) => programmePage(w)),
  pageRoute("post", "/programma", OFFICE, programmeSubmit),
];
