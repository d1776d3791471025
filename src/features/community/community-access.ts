/** Who may act in the knowledge square, and as whom (used by the API routes and the pages alike). */
import { type AppContext, requireActor } from "../../lib/context";
import { memberAccess } from "../auth/policy";
import type { Poster } from "./questions.service";

/**
 * Who may answer, mark useful and report: a signed-in entrepreneur, or a partner or staff user
 * (platform admins always pass). The province viewer does not take part; the programme office
 * moderates (moderation.routes.ts) but does not answer, as answers are labelled by desk or organisation.
 */
export const MEMBERS = memberAccess("partner", "region_admin", "frontdesk_staff", "consultant");

/** The poster of a request that passed the member rule: the entrepreneur session first, else the staff user. */
export function posterOf(c: AppContext): Poster {
  const me = c.get("entrepreneur");
  if (me) return { kind: "entrepreneur", id: me.id };
  return { kind: "user", actor: requireActor(c) };
}
