/** The platform admin invites a region admin for one of the regions. */
import { PlatformAccountBody } from "../../features/accounts/accounts.schemas";
import { createAccountInRegion } from "../../features/accounts/accounts.service";
import { PLATFORM_ADMIN } from "../../features/auth/policy";
import { deliverSoon } from "../../features/notifications/notify";
import { listRegions } from "../../features/regions/regions.service";
import { DomainError } from "../../lib/errors";
import { linksFor } from "../../lib/links";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { field, parseForm, readForm, serviceErrors, type FieldErrors, type FormValues } from "../kit/form";
import { seeOther, actorOf, pageRoute, type PageRoute } from "../kit/page";
import { formPage } from "../kit/scaffolds";
import { Notice } from "../kit/ui";
import { STAFF_FIELDS } from "./labels";

const PATH = "/beheer/regiobeheerder-uitnodigen";

export async function platformInvitePage(w: Web, form: FormValues = {}, errors: FieldErrors = [], status = 200) {
  const { t } = w;
  const regions = await listRegions(w.c.var.db);
  const f = formFields(w, form, errors);
  const texts = { title: t("platadm.title"), lead: t("platadm.lead"), submit: t("staffadm.inviteSubmit") };
  const breadcrumbs: Array<[string, string | null]> = [
    [t("staff.homeTitle"), "/beheer"],
    [texts.title, null],
  ];
  const notice = w.c.req.query("klaar") ? <Notice kind="success" title={t("platadm.done", { email: w.c.req.query("email") ?? "" })} /> : null;
  const regionOptions = regions.map((r) => ({ value: r.slug, label: r.name }));
  return formPage(
    w,
    { texts, action: PATH, errors, status, narrow: true, breadcrumbs, notice },
    <>
      <f.Select id="f-region" name="region" label={t("platadm.region")} options={regionOptions} empty={t("adm.choose")} required />
      <f.Text id="f-name" name="name" label={t("staffadm.name")} required autocomplete="off" />
      <f.Text id="f-email" name="email" type="email" label={t("staffadm.email")} required autocomplete="off" inputmode="email" />
    </>,
  );
}

export async function platformInviteSubmit(w: Web) {
  const actor = actorOf(w);
  const form = await readForm(w);
  const body = { name: field(form, "name"), email: field(form, "email").trim(), role: "region_admin", region: field(form, "region") };
  const parsed = parseForm(w.t, PlatformAccountBody, body, STAFF_FIELDS);
  if (!parsed.ok) return platformInvitePage(w, form, parsed.errors, 400);
  const { region, ...input } = parsed.value;
  try {
    await createAccountInRegion(w.c.var.db, actor, region, input, linksFor(w.c).origin, w.now);
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found")
      return platformInvitePage(w, form, [{ id: "f-region", message: w.t("staffadm.err.region") }], 400);
    if (error instanceof DomainError && error.code === "conflict")
      return platformInvitePage(w, form, [{ id: "f-email", message: w.t("staffadm.err.emailTaken") }], 409);
    const refused = serviceErrors(w.t, error, STAFF_FIELDS);
    if (refused) return platformInvitePage(w, form, refused.errors, refused.status);
    throw error;
  }
  deliverSoon(w.c);
  return seeOther(w, `${PATH}?klaar=1&email=${encodeURIComponent(parsed.value.email)}`);
}

export const platformPages: PageRoute[] = [
  pageRoute("get", "/beheer/regiobeheerder-uitnodigen", PLATFORM_ADMIN, (w) => platformInvitePage(w)),
  pageRoute("post", "/beheer/regiobeheerder-uitnodigen", PLATFORM_ADMIN, platformInviteSubmit),
];
