import * as v from "valibot";
import { API_SCOPES } from "../../db/schema";
import { pick, requiredLine, uniqueList } from "../../lib/text";
import { Instant } from "../appointments/appointments.schemas";
import { OrgParam, RegionSlug } from "../organisations/organisations.schemas";

/** The longest overlap a rotation may leave the old secret working: 7 days. */
export const MAX_OVERLAP_HOURS = 168;
export const DEFAULT_OVERLAP_HOURS = 24;

/** A key id (`ak_…`); any other id-like text is simply not found (404). */
export const KeyId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown API key."));
export const RegionKeyParams = v.object({ region: RegionSlug });
export const RegionKeyItemParams = v.object({ region: RegionSlug, id: KeyId });
export const OrgKeyParams = OrgParam;
export const OrgKeyItemParams = v.object({ ...OrgParam.entries, id: KeyId });

export const NewKeyBody = v.object({
  name: requiredLine("name", 100),
  scopes: v.pipe(uniqueList(pick(API_SCOPES), "scopes"), v.description(`Any of ${API_SCOPES.join(", ")}, as the key's owner allows.`)),
  expiresAt: v.optional(
    v.pipe(Instant, v.description("When the key stops working (ISO 8601 with offset, in the future); without it the key works until revoked.")),
  ),
});
export type NewKeyInput = v.InferOutput<typeof NewKeyBody>;

export const RotateBody = v.object({
  overlapHours: v.optional(
    v.pipe(
      v.number("Give the overlap in hours as a number."),
      v.integer("Give the overlap in whole hours."),
      v.minValue(0, "The overlap cannot be negative."),
      v.maxValue(MAX_OVERLAP_HOURS, `The overlap can be at most ${MAX_OVERLAP_HOURS} hours.`),
      v.description(`How long the old secret keeps working (default ${DEFAULT_OVERLAP_HOURS}; 0 ends it at once).`),
    ),
  ),
});
export type RotateInput = v.InferOutput<typeof RotateBody>;

const Time = v.pipe(v.string(), v.description("ISO 8601 with the Amsterdam offset"));
export const ApiKeyDto = v.object({
  id: v.string(),
  name: v.string(),
  prefix: v.pipe(v.string(), v.description("The start of the current secret, to tell keys apart; never the secret itself.")),
  scopes: v.array(v.picklist(API_SCOPES)),
  status: v.picklist(["active", "expired", "revoked"]),
  createdAt: Time,
  expiresAt: v.nullable(Time),
  revokedAt: v.nullable(Time),
  lastUsedAt: v.nullable(v.pipe(Time, v.description("Refreshed at most once a minute."))),
  previousSecretValidUntil: v.nullable(v.pipe(Time, v.description("After a rotation: until when the old secret still works."))),
});
export type ApiKeyView = v.InferOutput<typeof ApiKeyDto>;

export const KeyListAnswer = v.object({ apiKeys: v.array(ApiKeyDto) });
export const CreatedKeyAnswer = v.object({
  apiKey: ApiKeyDto,
  secret: v.pipe(v.string(), v.description("Shown once: send it as `Authorization: Bearer <secret>`. Only its SHA-256 is stored.")),
});
