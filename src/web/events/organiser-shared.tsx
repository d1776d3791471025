/**
 * The two organiser areas of the event pages, from one definition: region admins under
 * `/beheer/:region/evenementen` (the region's events and those of its organisations, which
 * they review) and partners under `/partner/:org/evenementen` (their organisation's events;
 * another organisation's is a 404). The same scopes as the API's two route families.
 */
import { rolesAccess } from "../../features/auth/policy";
import type { OrganiserScope } from "../../features/events/events.service";
import type { Web } from "../kit/context";
import { Breadcrumbs } from "../kit/ui";

export const REGION_ORGANISERS = rolesAccess("region_admin");
export const ORGANISATION_ORGANISERS = rolesAccess("partner", "region_admin");
export const REGION_BASE = "/beheer/:region/evenementen";
export const PARTNER_BASE = "/partner/:org/evenementen";

export interface Organiser {
  scope: OrganiserScope;
  /** The list's path, e.g. `/beheer/zuid-limburg/evenementen`. */
  base: string;
  /** The organiser's name (the region's development agency, or the organisation). */
  name: string;
  /** The CSV export of the API for one event. */
  csv: (id: string) => string;
}

/** The organiser of the page: its region (a `:region` page) or its organisation (a `:org` page). */
export function organiserOf(w: Web): Organiser {
  const db = w.c.var.db;
  if (w.region) {
    const region = w.region;
    return {
      scope: { kind: "region", db, region },
      base: `/beheer/${region.slug}/evenementen`,
      name: region.operator,
      csv: (id) => `/api/v1/regions/${region.slug}/admin/events/${id}/registrations.csv`,
    };
  }
  const organisation = w.c.var.organisation;
  return {
    scope: { kind: "organisation", db, organisation },
    base: `/partner/${organisation.slug}/evenementen`,
    name: organisation.name,
    csv: (id) => `/api/v1/organisations/${organisation.slug}/events/${id}/registrations.csv`,
  };
}

/** The event id of the path. */
export const eventIdOf = (w: Web) => w.c.req.param("id") ?? "";

/** Breadcrumbs: the organiser's list, then (when given) the event, then the page. */
export function OrganiserCrumbs({ w, o, event, page }: { w: Web; o: Organiser; event?: { id: string; title: string }; page?: string }) {
  const items: Array<[string, string | null]> = [[w.t("evo.list.title"), o.base]];
  if (event) items.push([event.title, page ? `${o.base}/${event.id}` : null]);
  if (page) items.push([page, null]);
  return <Breadcrumbs t={w.t} items={items} />;
}

/** Both route families of one page: the region admin's and the partner's. */
export function bothAreas(path: string): [string, string] {
  return [`${REGION_BASE}${path}`, `${PARTNER_BASE}${path}`];
}
