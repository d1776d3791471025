/**
 * The entrepreneur's referral through the link in their mail (`/doorverwijzing/:token`): what
 * was shared with which organisation, how to reach it, and withdrawing consent (a POST with an
 * explicit confirmation); the services of `GET /api/v1/referrals/{token}` and `POST …/withdraw`.
 */
import type { Child } from "hono/jsx";
import * as v from "valibot";
import { assertSameOrigin } from "../../http/access";
import { TokenParam } from "../../features/referrals/referrals.schemas";
import { getMyReferral, withdrawConsent } from "../../features/referrals/referrals.service";
import { PUBLIC } from "../../features/auth/policy";
import { DomainError } from "../../lib/errors";
import { topicLabel } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import { type FieldErrors, field, readForm } from "../kit/form";
import { pageRoute, type PageRoute, render, seeOther } from "../kit/page";
import { FormSection } from "../kit/scaffolds";
import { Details, Notice, Panel } from "../kit/ui";
import { moment } from "./shared";

/** The token in the path (the API's rule); 404 for anything that cannot be one. */
function tokenOf(w: Web): string {
  const token = w.c.req.param("token") ?? "";
  if (!v.is(TokenParam, { token })) throw new DomainError("not_found", "Unknown link");
  return token;
}

type Rows = Array<[string, Child]>;

const base = (token: string) => `/doorverwijzing/${token}`;

async function myReferralPage(w: Web, errors: FieldErrors = [], status = 200) {
  const { t, locale } = w;
  const token = tokenOf(w);
  const r = await getMyReferral(w.c.var.db, token);
  const o = r.organisation;
  const f = formFields(w, {}, errors);
  const title = t("ref.me.title", { org: o.name });
  return render(w, {
    title,
    status,
    body: (
      <div class="narrow">
        <h1>{title}</h1>
        {w.c.req.query("klaar") ? <Notice kind="success" title={t("ref.me.withdrawnDone")} /> : null}
        <p class="lead">
          {r.status === "withdrawn"
            ? t("ref.me.leadWithdrawn", { org: o.name })
            : r.consentToShare
              ? t("ref.me.leadShared", { org: o.name })
              : t("ref.me.leadNotShared", { org: o.name })}
        </p>
        <Details
          rows={[
            [t("ref.me.when"), moment(w, r.createdAt)],
            [t("ref.col.topic"), topicLabel(r.topic, locale)],
            ...(r.offer ? ([[t("ref.col.offer"), <a href={`/aanbod/${r.offer.slug}`}>{r.offer.title}</a>]] as Rows) : []),
            [
              t("ref.me.shared"),
              r.status === "withdrawn" ? t("ref.me.sharedNothing") : r.consentToShare ? t("ref.me.sharedContact") : t("ref.me.sharedNothing"),
            ],
            ...(r.withdrawnAt ? ([[t("ref.me.withdrawnAt"), moment(w, r.withdrawnAt)]] as Rows) : []),
          ]}
        />
        <Panel id="reach" title={t("ref.me.reach", { org: o.name })}>
          <Details
            rows={[
              ...(o.phone ? ([[t("ref.f.phone"), <a href={`tel:${o.phone}`}>{o.phone}</a>]] as Rows) : []),
              ...(o.email ? ([[t("ref.f.email"), <a href={`mailto:${o.email}`}>{o.email}</a>]] as Rows) : []),
              ...(o.website ? ([[t("ref.me.website"), <a href={o.website}>{o.website}</a>]] as Rows) : []),
            ]}
          />
        </Panel>
        {r.status !== "withdrawn" && r.consentToShare ? (
          <FormSection
            w={w}
            spec={{
              texts: { title: t("ref.me.withdraw"), lead: t("ref.me.withdrawLead", { org: o.name }), submit: t("ref.me.withdrawSubmit") },
              action: `${base(token)}/intrekken`,
              errors,
              heading: "h2",
            }}
            fields={
              <f.Choices
                id="f-confirm"
                name="confirm"
                type="checkbox"
                legend={t("ref.me.confirm")}
                required
                options={[{ value: "ja", label: t("ref.me.confirmYes", { org: o.name }) }]}
              />
            }
          />
        ) : null}
      </div>
    ),
  });
}

async function withdrawSubmit(w: Web) {
  assertSameOrigin(w.c);
  const token = tokenOf(w);
  const form = await readForm(w);
  // Only the page asks for this confirmation (the API's withdraw is its own explicit call).
  if (field(form, "confirm") !== "ja") return myReferralPage(w, [{ id: "f-confirm", message: w.t("ref.err.confirm") }], 400);
  await withdrawConsent(w.c.var.db, token, w.now);
  return seeOther(w, `${base(token)}?klaar=1`);
}

export const myReferralPages: PageRoute[] = [
  pageRoute("get", "/doorverwijzing/:token", PUBLIC, (w) => myReferralPage(w)),
  pageRoute("post", "/doorverwijzing/:token/intrekken", PUBLIC, withdrawSubmit),
];
