/**
 * Erasing one entrepreneur's data (AVG) from a page, in two steps: the address, then a
 * confirm step that says what happens; the result shows the counts (the API's erasure).
 */
import { ErasureBody } from "../../features/accounts/accounts.schemas";
import { rolesAccess } from "../../features/auth/policy";
import { eraseEntrepreneur } from "../../features/privacy/privacy.service";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, parseForm, readForm, type FieldErrors, type FieldMap, type FormValues } from "../kit/form";
import { number } from "../kit/format";
import { actorOf, pageRoute, render, scopeOf, seeOther, withQuery, type PageRoute } from "../kit/page";
import { formPage, FormActions, MessagePage } from "../kit/scaffolds";
import { Details } from "../kit/ui";

const ADMIN = rolesAccess("region_admin");
const ERASE_FIELDS: FieldMap = [["email", "f-email", "ra.err.email"]];
const RESULT_KEYS = [
  ["afspraken", "ra.erase.appointments"],
  ["geannuleerd", "ra.erase.cancelled"],
  ["mails", "ra.erase.messages"],
  ["kandidaten", "ra.erase.candidates"],
  ["aanmeldingen", "ra.erase.registrations"],
] as const;

const pathOf = (w: Web) => `/beheer/${scopeOf(w).region.slug}/gegevens-wissen`;

export function erasurePage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  if (w.c.req.query("klaar")) {
    return render(w, {
      title: t("ra.erase.doneTitle"),
      body: (
        <MessagePage
          title={t("ra.erase.doneTitle")}
          text={t("ra.erase.doneText")}
          more={<Details rows={RESULT_KEYS.map(([param, key]) => [t(key), number(Number(w.c.req.query(param) ?? 0) || 0, w.locale)])} />}
          link={{ href: pathOf(w), label: t("ra.erase.again") }}
        />
      ),
    });
  }
  const f = formFields(w, form, errors);
  return formPage(
    w,
    { texts: { title: t("ra.erase.title"), lead: t("ra.erase.lead"), submit: t("ra.erase.next") }, action: pathOf(w), errors, status, narrow: true },
    <f.Text id="f-email" name="email" type="email" label={t("ra.erase.email")} required autocomplete="off" inputmode="email" />,
  );
}

/** Step 1: the address checked, then the confirm step (nothing is erased yet). */
export async function erasureConfirmPage(w: Web) {
  const { t } = w;
  const form = await readForm(w);
  const parsed = parseForm(t, ErasureBody, { email: field(form, "email").trim() }, ERASE_FIELDS);
  if (!parsed.ok) return erasurePage(w, form, parsed.errors, 400);
  const email = parsed.value.email;
  return render(w, {
    title: t("ra.erase.confirmTitle"),
    body: (
      <div class="narrow">
        <h1>{t("ra.erase.confirmTitle")}</h1>
        <p class="lead">{t("ra.erase.confirmLead", { email })}</p>
        <ul>
          <li>{t("ra.erase.what1")}</li>
          <li>{t("ra.erase.what2")}</li>
          <li>{t("ra.erase.what3")}</li>
        </ul>
        <form method="post" action={`${pathOf(w)}/bevestigen`} class="form">
          <input type="hidden" name="email" value={email} />
          <FormActions submit={t("ra.erase.confirm")} kind="warning" cancel={{ href: pathOf(w), label: t("ra.erase.back") }} />
        </form>
      </div>
    ),
  });
}

/** Step 2: erase, then the counts. */
export async function erasureSubmit(w: Web) {
  const form = await readForm(w);
  const parsed = parseForm(w.t, ErasureBody, { email: field(form, "email").trim() }, ERASE_FIELDS);
  if (!parsed.ok) return erasurePage(w, form, parsed.errors, 400);
  const r = await eraseEntrepreneur(scopeOf(w), actorOf(w), parsed.value.email, w.now, w.c.var.config);
  return seeOther(
    w,
    withQuery(pathOf(w), {
      klaar: 1,
      afspraken: r.appointments,
      geannuleerd: r.cancelled,
      mails: r.messagesWithdrawn,
      kandidaten: r.candidates,
      aanmeldingen: r.eventRegistrations,
    }),
  );
}

export const erasurePages: PageRoute[] = [
  pageRoute("get", "/beheer/:region/gegevens-wissen", ADMIN, (w) => erasurePage(w)),
  pageRoute("post", "/beheer/:region/gegevens-wissen", ADMIN, erasureConfirmPage),
  pageRoute("post", "/beheer/:region/gegevens-wissen/bevestigen", ADMIN, erasureSubmit),
];
