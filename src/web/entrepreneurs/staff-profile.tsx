/**
 * Staff: the company profile of the entrepreneur behind an appointment of their region (the
 * agenda links here when the entrepreneur keeps one), within the region's rules: the same
 * `profileForAppointment` as `GET …/admin/appointments/{id}/entrepreneur-profile` (frontdesk
 * staff: only appointments at their own desks; anything else is a 404).
 */
import { rolesAccess } from "../../features/auth/policy";
import { profileForAppointment } from "../../features/entrepreneurs/staff.service";
import type { Web } from "../kit/context";
import { actorOf, pageRoute, render, scopeOf, type PageRoute } from "../kit/page";
import { Breadcrumbs, Details } from "../kit/ui";
import { dayOf } from "./shared";
import { profileRows } from "./data-pages";

const STAFF = rolesAccess("region_admin", "frontdesk_staff");

/** Where the agenda links for an appointment whose entrepreneur keeps a profile. */
export const staffProfilePath = (regionSlug: string, appointmentId: string) => `/beheer/${regionSlug}/afspraken/${appointmentId}/ondernemer`;

export async function staffProfilePage(w: Web) {
  const { t } = w;
  const scope = scopeOf(w);
  const profile = await profileForAppointment(scope, actorOf(w), w.c.req.param("id") ?? "");
  const agenda = `/beheer/${scope.region.slug}/agenda`;
  return render(w, {
    title: t("me.staff.title"),
    body: (
      <>
        <Breadcrumbs
          t={t}
          items={[
            [t("nav.agenda"), agenda],
            [t("me.staff.title"), null],
          ]}
        />
        <h1>
          {t("me.staff.title")} <span class="subtitle">{profile.companyName}</span>
        </h1>
        <p class="lead">{t("me.staff.lead")}</p>
        <Details rows={[...profileRows(w, profile), [t("me.staff.updated"), dayOf(profile.updatedAt, w)]]} />
        <p>
          <a href={agenda}>{t("me.staff.back")}</a>
        </p>
      </>
    ),
  });
}

export const staffProfilePages: PageRoute[] = [pageRoute("get", "/beheer/:region/afspraken/:id/ondernemer", STAFF, staffProfilePage)];
