/**
 * The documents list of a trajectory (issue 17): the consultant records which documents they
 * shared with the entrepreneur (a name and a date; the files themselves are exchanged
 * elsewhere), and the entrepreneur sees the list in their overview. Adding and removing
 * follow the trajectory's rules: its consultant or the region admin; audited.
 */
import type * as v from "valibot";
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { auditEntryIf } from "../audit/audit.repo";
import { formatOffsetIso } from "../../lib/time";
import { MAX_DOCUMENTS, deleteDocumentStatement, insertDocumentStatement, listDocuments } from "./scouting-documents.repo";
import type { DocumentDto as DocumentSchema } from "./scouting.schemas";
import { assertMayAct, loadVisible } from "./scouting.access";

type DocumentDto = v.InferOutput<typeof DocumentSchema>;

const target = (id: string) => ({ type: "scouting_candidate", id });
/** The audit entry is written only if the statement before it in the batch changed a row (SQLite's `changes()`). */
const PREVIOUS_CHANGED = { sql: "changes() = 1", args: [] };

/**
 * The documents shared in a trajectory, newest first.
 * @example await listTrajectoryDocuments(scope, actor, candidateId)
 */
export async function listTrajectoryDocuments(scope: RegionScope, actor: Actor, candidateId: string): Promise<DocumentDto[]> {
  await loadVisible(scope, actor, candidateId);
  const rows = await listDocuments(scope, candidateId);
  return rows.map(({ document: d, sharedByName }) => ({
    id: d.id,
    name: d.name,
    date: d.date,
    sharedAt: formatOffsetIso(d.createdAt),
    sharedBy: { id: d.sharedByUserId, name: sharedByName ?? "" },
  }));
}

/**
 * Records a shared document (its consultant or the region admin).
 * @example await shareDocument(scope, actor, candidateId, { name: "Ondernemingsplan versie 2", date: "2027-03-29" }, now)
 */
export async function shareDocument(
  scope: RegionScope,
  actor: Actor,
  candidateId: string,
  input: { name: string; date: string },
  now: number,
): Promise<DocumentDto> {
  const found = await loadVisible(scope, actor, candidateId);
  assertMayAct(actor, found.candidate);
  if (found.candidate.anonymisedAt !== null)
    throw new DomainError("conflict", "This trajectory's personal data was erased; nothing can be shared in it any more.");
  const id = newId();
  const [inserted] = await writeBatch(scope.db, [
    insertDocumentStatement(scope, { id, candidateId, name: input.name, date: input.date, sharedByUserId: actor.id, createdAt: now }),
    auditEntryIf(scope, actor, "scouting.document_shared", target(candidateId), { documentId: id }, now, PREVIOUS_CHANGED),
  ]);
  if ((inserted?.rowsAffected ?? 0) !== 1) throw new DomainError("conflict", `A trajectory lists at most ${MAX_DOCUMENTS} documents; remove one first.`);
  return { id, name: input.name, date: input.date, sharedAt: formatOffsetIso(now), sharedBy: { id: actor.id, name: actor.name } };
}

/**
 * Removes a document entry (its consultant or the region admin).
 * @example await removeDocument(scope, actor, candidateId, documentId, now)
 */
export async function removeDocument(scope: RegionScope, actor: Actor, candidateId: string, documentId: string, now: number): Promise<void> {
  const found = await loadVisible(scope, actor, candidateId);
  assertMayAct(actor, found.candidate);
  const [deleted] = await writeBatch(scope.db, [
    deleteDocumentStatement(scope, candidateId, documentId),
    auditEntryIf(scope, actor, "scouting.document_removed", target(candidateId), { documentId }, now, PREVIOUS_CHANGED),
  ]);
  if ((deleted?.rowsAffected ?? 0) !== 1) throw notFound("This document");
}
