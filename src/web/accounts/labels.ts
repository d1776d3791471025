/** Words and form maps the account pages share. */
import type { Role } from "../../db/schema";
import type { T } from "../i18n";
import type { FieldMap } from "../kit/form";

export function roleLabel(role: Role, t: T): string {
  return t(`role.${role}`);
}

/** Where an account's issues show (the staff form and the region-admin invitation). */
export const STAFF_FIELDS: FieldMap = [
  ["region", "f-region", "staffadm.err.region"],
  ["name", "f-name", "staffadm.err.name"],
  ["email", "f-email", "staffadm.err.email"],
  ["role", "f-role", "staffadm.err.role"],
  ["frontdeskIds", "f-desks", "staffadm.err.desks"],
];
