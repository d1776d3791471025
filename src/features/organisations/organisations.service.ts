import { and, eq } from "drizzle-orm";
import type { ResultSet } from "@libsql/client/web";
import type * as v from "valibot";
import type { Db } from "../../db/client";
import { ReadPlan, resultSetRead } from "../../db/read";
import { organisationFrontdesks, type OrganisationKind } from "../../db/schema";
import { MODES, TOPICS, type Mode, type Topic } from "../../lib/vocabulary";
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor, OrganisationRef } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { decodeOffsetCursor, encodeOffsetCursor } from "../../lib/cursor";
import { newId } from "../../lib/ids";
import { sql, raw } from "../../lib/sql-template";
import { findUserByEmailAddress, insertUserStatement, type UserRow } from "../accounts/accounts.repo";
import { auditStatement } from "../audit/audit.repo";
import { tokenMail, toAccountDto, type AccountDto } from "../accounts/accounts.service";
import { todayLocal } from "../../lib/time";
import { findFrontdesk } from "../frontdesks/frontdesks.repo";
import { findRegionById } from "../regions/regions.repo";
import { summaryFromRow, type OfferSummary, jsonColumn } from "../catalogue/offer-dto";
import { SUMMARY_COLUMNS } from "../catalogue/search-sql";
import { findOrganisationBySlug, insertOrganisationStatement, listOrganisations, regionDirectory, type OrganisationListRow } from "./organisations.repo";
import type { NewOrganisationInput, OrganisationDeskDto, OrganisationSummaryDto } from "./organisations.schemas";

export type OrganisationSummary = v.InferOutput<typeof OrganisationSummaryDto>;
export type OrganisationDesk = v.InferOutput<typeof OrganisationDeskDto>;
export interface OrganisationDetail extends OrganisationSummary {
  email: string | null;
  phone: string | null;
  description: string | null;
  desks: OrganisationDesk[];
  offers: OfferSummary[];
}

/**
 * One page of organisations serving a region and/or of one kind, by name, and the cursor of
 * the next page (null on the last).
 * @example await listOrganisationPage(db, { region: "zuid-limburg", limit: 20 })
 */
export async function listOrganisationPage(
  db: Db,
  query: { region?: string | undefined; kind?: OrganisationKind | undefined; limit: number; cursor?: string | undefined },
): Promise<{ organisations: OrganisationListRow[]; nextCursor: string | null }> {
  const offset = decodeOffsetCursor(query.cursor);
  const rows = await listOrganisations(db, query, query.limit, offset);
  return { organisations: rows.slice(0, query.limit), nextCursor: rows.length > query.limit ? encodeOffsetCursor(offset + query.limit) : null };
}

function invalid(path: string, message: string): DomainError {
  return new DomainError("validation_failed", message, [{ path, message }]);
}

/**
 * Creates an organisation. The platform admin may create any; a region admin only one
 * whose home region is their own region (the home region's admins review its offers).
 * @example await createOrganisation(db, actor, { slug: "liof", name: "LIOF", kind: "development_agency", regions: ["zuid-limburg"] }, Date.now())
 */
export async function createOrganisation(db: Db, actor: Actor, input: NewOrganisationInput, now: number): Promise<OrganisationDetail> {
  const directory = await regionDirectory(db);
  const bySlug = new Map(directory.map((r) => [r.slug, r]));
  const unknown = input.regions.find((slug) => !bySlug.has(slug));
  if (unknown) throw invalid("regions", `There is no region "${unknown}".`);
  const ownRegion = actor.role === "region_admin" ? directory.find((r) => r.id === actor.regionId) : undefined;
  const homeSlug = input.homeRegion ?? ownRegion?.slug ?? input.regions[0] ?? "";
  const home = bySlug.get(homeSlug);
  if (!home) throw invalid("homeRegion", `There is no region "${homeSlug}".`);
  if (actor.role === "region_admin" && home.id !== actor.regionId) {
    throw new DomainError("forbidden", "A region admin creates organisations of their own region only.");
  }
  const regions = input.regions.includes(home.slug) ? input.regions : [home.slug, ...input.regions];
  const id = newId();
  await writeBatch(db, [
    insertOrganisationStatement(db, {
      id,
      slug: input.slug,
      name: input.name,
      kind: input.kind,
      homeRegionId: home.id,
      regions,
      website: input.website ?? null,
      email: input.email ?? null,
      phone: input.phone ?? null,
      description: input.description ?? null,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(db, home.id, actor, "organisation.created", { type: "organisation", id }, { slug: input.slug }, now),
  ]);
  return {
    slug: input.slug,
    name: input.name,
    kind: input.kind,
    homeRegion: home.slug,
    regions,
    website: input.website ?? null,
    email: input.email ?? null,
    phone: input.phone ?? null,
    description: input.description ?? null,
    desks: [],
    offers: [],
  };
}

/**
 * Invites a partner user of the organisation: an account without a password and the
 * invitation e-mail (72 hours, one use), as for staff accounts.
 */
export async function invitePartner(
  db: Db,
  actor: Actor,
  org: OrganisationRef,
  input: { email: string; name: string },
  origin: string,
  now: number,
): Promise<AccountDto & { organisation: string }> {
  const email = input.email.toLowerCase();
  if (await findUserByEmailAddress(db, email)) throw new DomainError("conflict", "An account with this e-mail address already exists.");
  const home = await findRegionById(db, org.homeRegionId);
  const user: UserRow = {
    id: newId(),
    email,
    name: input.name,
    role: "partner",
    regionId: null,
    municipality: null,
    organisationId: org.id,
    passwordHash: null,
    disabledAt: null,
    createdAt: now,
  };
  await writeBatch(db, [
    insertUserStatement(db, user),
    ...(await tokenMail(db, user, home, "invitation", origin, now, { roleLabel: `partner van ${org.name}`, regionName: null })),
    auditStatement(db, org.homeRegionId, actor, "account.created", { type: "user", id: user.id }, { role: "partner", organisation: org.slug }, now),
  ]);
  return { ...toAccountDto(user, null), organisation: org.slug };
}

/**
 * An organisation's public page: contact, the desks it runs (linked desks; the development
 * agency of a region serving the fewest regions also runs its region's unlinked desks) and its published offers that
 * have not expired, in one read batch.
 */
export async function getOrganisationDetail(db: Db, slug: string, now: number): Promise<OrganisationDetail> {
  const plan = new ReadPlan(db);
  const detail = planOrganisationDetail(plan, slug, now);
  await plan.run();
  return detail();
}

/**
 * {@link getOrganisationDetail} as part of a read plan (the organisation page reads its region
 * list in the same round trip); the returned function throws 404 for an unknown organisation.
 * @example const org = planOrganisationDetail(plan, slug, now); await plan.run(); org();
 */
export function planOrganisationDetail(plan: ReadPlan, slug: string, now: number): () => OrganisationDetail {
  const org = sql`(select id from organisations where slug = ${slug})`;
  const [orgRead, deskRead, offerRead] = [
    sql`select g.slug, g.name, g.kind, r.slug as home_region, g.regions, g.website, g.email, g.phone, g.description
        from organisations g join regions r on r.id = g.home_region_id where g.slug = ${slug}`.statement(),
    sql`select f.id, r.slug as region, f.name, f.municipality, f.address, f.modes, f.topics
        from frontdesks f join regions r on r.id = f.region_id left join organisation_frontdesks l on l.frontdesk_id = f.id
        where f.archived_at is null and (l.organisation_id = ${org} or (l.organisation_id is null and (
          select d.id from organisations d where d.kind = 'development_agency' and d.home_region_id = f.region_id
          order by json_array_length(d.regions), d.created_at, d.id limit 1) = ${org}))
        order by r.slug, f.municipality, f.name`.statement(),
    sql`select ${raw(SUMMARY_COLUMNS)} from offers b join organisations g on g.id = b.organisation_id
        where g.slug = ${slug} and b.status = 'published' and (b.deadline is null or b.deadline >= ${todayLocal(now)})
        order by b.kind = 'contact_point', b.title, b.id`.statement(),
  ].map((statement) => plan.add(resultSetRead(statement)));
  return () => organisationDetailOf(orgRead?.value, deskRead?.value, offerRead?.value);
}

function organisationDetailOf(orgRs: ResultSet | undefined, deskRs: ResultSet | undefined, offerRs: ResultSet | undefined): OrganisationDetail {
  const row = orgRs?.rows[0];
  if (!row) throw notFound("This organisation");
  return {
    slug: String(row.slug),
    name: String(row.name),
    kind: String(row.kind) as OrganisationSummary["kind"],
    homeRegion: String(row.home_region),
    regions: jsonColumn<string[]>(row.regions) ?? [],
    website: (row.website as string | null) ?? null,
    email: (row.email as string | null) ?? null,
    phone: (row.phone as string | null) ?? null,
    description: (row.description as string | null) ?? null,
    desks: (deskRs?.rows ?? []).map((d) => ({
      id: String(d.id),
      region: String(d.region),
      name: String(d.name),
      municipality: String(d.municipality),
      address: String(d.address),
      modes: (jsonColumn<Mode[]>(d.modes) ?? []).filter((m) => MODES.includes(m)),
      topics: (jsonColumn<Topic[]>(d.topics) ?? []).filter((t) => TOPICS.includes(t)),
    })),
    offers: (offerRs?.rows ?? []).map((o) => summaryFromRow(o as unknown as Record<string, unknown>, false)),
  };
}

/**
 * Says which organisation runs a frontdesk of the region (null: the region's development
 * agency again). The organisation must serve the region. The desk's contact point in the
 * catalogue follows within a minute (scheduled job).
 */
export async function setFrontdeskOrganisation(
  scope: RegionScope,
  actor: Actor,
  frontdeskId: string,
  orgSlug: string | null,
  now: number,
): Promise<{ organisation: string | null }> {
  const desk = await findFrontdesk(scope, frontdeskId);
  if (!desk) throw notFound("This frontdesk");
  const org = orgSlug ? await findOrganisationBySlug(scope.db, orgSlug) : null;
  if (orgSlug && !org) throw invalid("organisation", `There is no organisation "${orgSlug}".`);
  if (org && !org.regions.includes(scope.region.slug)) throw invalid("organisation", "This organisation does not serve the frontdesk's region.");
  const db = scope.db.db;
  await writeBatch(scope.db, [
    db.delete(organisationFrontdesks).where(and(eq(organisationFrontdesks.frontdeskId, desk.id), eq(organisationFrontdesks.regionId, scope.region.id))),
    ...(org ? [db.insert(organisationFrontdesks).values({ frontdeskId: desk.id, organisationId: org.id, regionId: scope.region.id })] : []),
    auditStatement(scope.db, scope.region.id, actor, "frontdesk.organisation_set", { type: "frontdesk", id: desk.id }, { organisation: orgSlug }, now),
  ]);
  return { organisation: orgSlug };
}
