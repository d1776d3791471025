import * as v from "valibot";
import { ORGANISATION_KINDS } from "../../db/schema";
import { MODES, TOPICS } from "../../lib/vocabulary";
import { PageQueryEntries } from "../../lib/cursor";
import { normalisePhone } from "../../lib/dutch";
import { noControlCharacters, singleLineText } from "../../lib/text";

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;
const Slug = (what: string) =>
  v.pipe(v.string(`Give the ${what} slug.`), v.regex(SLUG_PATTERN, `Use lower-case letters, digits and hyphens for the ${what} slug (at most 60).`));
export const RegionSlug = v.pipe(v.string("Give a region slug."), v.regex(/^[a-z0-9-]{1,60}$/, "Unknown region."));
export const OrganisationKind = v.picklist(ORGANISATION_KINDS, `Choose one of: ${ORGANISATION_KINDS.join(", ")}.`);

export const OrgParam = v.object({ org: Slug("organisation") });

const line = (label: string, max: number) =>
  v.pipe(
    v.string(`Enter the ${label}.`),
    v.trim(),
    v.minLength(1, `Enter the ${label}.`),
    v.maxLength(max, `The ${label} can be at most ${max} characters.`),
    singleLineText(`The ${label} must be a single line without special characters.`),
  );

export const HttpsUrl = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(500),
  v.url("Give a full https:// link."),
  v.startsWith("https://", "Give a full https:// link."),
);
export const Email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email("Enter a valid e-mail address."), v.toLowerCase());
export const Phone = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(30),
  v.check((s) => normalisePhone(s) !== null, "Enter a Dutch, Belgian or German phone number."),
  v.transform((s) => normalisePhone(s) ?? s),
);

export const OrganisationsQuery = v.object({
  region: v.optional(RegionSlug),
  kind: v.optional(OrganisationKind),
  ...PageQueryEntries,
});

export const NewOrganisationBody = v.object({
  slug: Slug("organisation"),
  name: line("name", 120),
  kind: OrganisationKind,
  regions: v.pipe(
    v.array(RegionSlug, "Give the regions as a list of region slugs."),
    v.minLength(1, "Choose at least one region."),
    v.maxLength(20),
    v.check((list) => new Set(list).size === list.length, "Name each region once."),
  ),
  homeRegion: v.optional(
    v.pipe(
      RegionSlug,
      v.description("The region whose admins approve the organisation's offers. Default: a region admin's own region, else the first of `regions`."),
    ),
  ),
  website: v.optional(HttpsUrl),
  email: v.optional(Email),
  phone: v.optional(Phone),
  description: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(2000), noControlCharacters)),
});
export type NewOrganisationInput = v.InferOutput<typeof NewOrganisationBody>;

export const PartnerInvitationBody = v.object({
  email: Email,
  name: line("name", 120),
});

export const OrganisationSummaryDto = v.object({
  slug: v.string(),
  name: v.string(),
  kind: v.picklist(ORGANISATION_KINDS),
  homeRegion: v.string(),
  regions: v.array(v.string()),
  website: v.nullable(v.string()),
});

export const OrganisationDeskDto = v.object({
  id: v.string(),
  region: v.string(),
  name: v.string(),
  municipality: v.string(),
  address: v.string(),
  modes: v.array(v.picklist(MODES)),
  topics: v.array(v.picklist(TOPICS)),
});
