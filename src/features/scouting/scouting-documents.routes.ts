/** Staff API of a trajectory's documents list (issue 17): names and dates only. */
import { regionScope } from "../../db/scope";
import { requireActor } from "../../lib/context";
import { defineEndpoint } from "../../http/endpoint";
import { rolesAccess } from "../auth/policy";
import { CandidateParams, DocumentAnswer, DocumentBody, DocumentListAnswer, DocumentParams } from "./scouting.schemas";
import { listTrajectoryDocuments, removeDocument, shareDocument } from "./scouting-documents.service";

const TAG = "Support Process";
const WORKERS = rolesAccess("region_admin", "consultant");

const common = {
  401: { description: "Not signed in" },
  403: { description: "Only the trajectory's consultant or the region admin may change the list" },
  404: { description: "Unknown here (also another region's candidate)" },
};

export const scoutingDocumentEndpoints = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/candidates/:id/documents",
    tag: TAG,
    summary: "The documents shared with the entrepreneur in this trajectory (names and dates; no files)",
    access: WORKERS,
    params: CandidateParams,
    responses: { 200: { description: "The documents, newest first", schema: DocumentListAnswer }, ...common },
    handler: async (c, { params }) => {
      c.header("Cache-Control", "no-store");
      return c.json({ documents: await listTrajectoryDocuments(regionScope(c.var.db, c.var.region), requireActor(c), params.id) });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/candidates/:id/documents",
    tag: TAG,
    summary: "Record a document shared with the entrepreneur; it appears in their overview",
    description: "Only a name and a date are kept (the file itself is exchanged elsewhere). At most 100 per trajectory.",
    access: WORKERS,
    params: CandidateParams,
    body: DocumentBody,
    responses: {
      201: { description: "Recorded", schema: DocumentAnswer },
      400: { description: "Invalid input" },
      ...common,
      409: { description: "The list is full, or the trajectory's personal data was erased" },
    },
    handler: async (c, { params, body }) =>
      c.json({ document: await shareDocument(regionScope(c.var.db, c.var.region), requireActor(c), params.id, body, c.var.now) }, 201),
  }),
  defineEndpoint({
    method: "delete",
    path: "/regions/:region/admin/candidates/:id/documents/:documentId",
    tag: TAG,
    summary: "Remove a document from the list",
    access: WORKERS,
    params: DocumentParams,
    responses: { 204: { description: "Removed" }, ...common },
    handler: async (c, { params }) => {
      await removeDocument(regionScope(c.var.db, c.var.region), requireActor(c), params.id, params.documentId, c.var.now);
      return c.body(null, 204);
    },
  }),
];
