/** Reading the audit log (entries are written by each service, in the batch of the change they record). */
import type { RegionScope } from "../../db/scope";
import { listAuditEntries } from "./audit.repo";

/** The region's newest audit entries (at most 200). */
export function listAudit(scope: RegionScope) {
  return listAuditEntries(scope);
}
