/**
 * Documents shared in a trajectory (issue 17): names and dates only, no files. Region-scoped
 * like every Support Process table.
 */
import type { InStatement } from "@libsql/client/web";
import { and, desc, eq } from "drizzle-orm";
import { scoutingDocuments, users } from "../../db/schema";
import type { RegionScope } from "../../db/scope";

export type DocumentRow = typeof scoutingDocuments.$inferSelect;

/** A trajectory has at most this many document entries. */
export const MAX_DOCUMENTS = 100;

export async function listDocuments(scope: RegionScope, candidateId: string) {
  return scope.db.db
    .select({ document: scoutingDocuments, sharedByName: users.name })
    .from(scoutingDocuments)
    .leftJoin(users, eq(users.id, scoutingDocuments.sharedByUserId))
    .where(and(eq(scoutingDocuments.regionId, scope.region.id), eq(scoutingDocuments.candidateId, candidateId)))
    .orderBy(desc(scoutingDocuments.date), desc(scoutingDocuments.createdAt));
}

/** Adds a document entry while the trajectory has fewer than {@link MAX_DOCUMENTS} (rowsAffected 0 otherwise). */
export function insertDocumentStatement(scope: RegionScope, row: Omit<DocumentRow, "regionId">): InStatement {
  return {
    sql: `insert into scouting_documents (id, region_id, candidate_id, name, date, shared_by_user_id, created_at)
          select ?, ?, ?, ?, ?, ?, ? where (select count(*) from scouting_documents where region_id = ? and candidate_id = ?) < ?`,
    args: [row.id, scope.region.id, row.candidateId, row.name, row.date, row.sharedByUserId, row.createdAt, scope.region.id, row.candidateId, MAX_DOCUMENTS],
  };
}

export function deleteDocumentStatement(scope: RegionScope, candidateId: string, id: string) {
  return scope.db.db
    .delete(scoutingDocuments)
    .where(and(eq(scoutingDocuments.regionId, scope.region.id), eq(scoutingDocuments.candidateId, candidateId), eq(scoutingDocuments.id, id)));
}

/**
 * Removes the document entries of the candidates with this address (their names may name the
 * company): for the erasure batch, before the candidates lose the address.
 */
export function eraseDocumentStatements(scope: RegionScope, email: string): InStatement[] {
  return [
    {
      sql: "delete from scouting_documents where region_id = ? and candidate_id in (select id from scouting_candidates where region_id = ? and email = ?)",
      args: [scope.region.id, scope.region.id, email.trim().toLowerCase()],
    },
  ];
}
