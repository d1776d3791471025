import { requestLimits } from "../../lib/rate-limit";
import { regionScope } from "../../db/scope";
import { requireActor } from "../../lib/context";
import { linksFor } from "../../lib/links";
import { deliverSoon } from "../notifications/notify";
import { defineEndpoint } from "../../http/endpoint";
import { PUBLIC, rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { resolvePeriod } from "../reports/period";
import { ReportQuery } from "../reports/reports.schemas";
import { scoutingReport } from "./scouting.report";
import {
  AssignBody,
  CandidateBody,
  CandidateListDto,
  CandidateListQuery,
  CandidateParams,
  CaseloadQuery,
  CommitmentBody,
  ConsultantLoadDto,
  ScoutingReportDto,
  SelfRegistrationBody,
  SessionBody,
  SettingsBody,
  SettingsDto,
  StageBody,
  TrajectoryResponse,
  CommitmentAnswer,
  SelfRegistrationAnswer,
  SessionAnswer,
} from "./scouting.schemas";
import { recordPersonalDataAccess } from "./scouting.access";
import { assignConsultant } from "./scouting.assignment";
import { recordCommitment } from "./scouting.commitments";
import { listCandidates } from "./scouting.lists";
import { logSession } from "./scouting.sessions";
import { changeStage } from "./scouting.stages";
import { getTrajectory } from "./scouting.trajectory";
import { caseloadOwner, consultantLoads, getScoutingSettings, listCaseload, updateScoutingSettings } from "./caseload.service";
import { registerCandidate, selfRegister } from "./registration.service";

const TAG = "Support Process";
// Issue 19: the programme office manages the Support Process in every region (assignment,
// settings, figures) and reads candidates for that task only, every read audited.
const ADMIN = rolesAccess("region_admin", "programme_office");
const SCOUTS = rolesAccess("region_admin", "frontdesk_staff");
const READERS = rolesAccess("region_admin", "frontdesk_staff", "consultant", "programme_office");
const WORKERS = rolesAccess("region_admin", "consultant");

const common = {
  401: { description: "Not signed in" },
  403: { description: "Role not allowed (the province viewer never sees candidates; only the trajectory's consultant or the admin acts on it)" },
  404: { description: "Unknown here (also another region's, or for frontdesk staff a candidate another desk scouted)" },
};
const changed = { 409: { description: "Not allowed in the trajectory's current state, or changed at the same moment" } };
const scope = (c: Parameters<typeof requireActor>[0]) => regionScope(c.var.db, c.var.region);

export const scoutingEndpoints = [
  defineEndpoint({
    method: "post",
    path: "/regions/:region/candidates/self-registration",
    tag: "Public",
    summary: "An entrepreneur registers as a candidate for the Support Process",
    description:
      "Company, KvK number, contact person, municipality, ambition (a few lines) and topic, with consent. Never send a BSN or a date of birth: fields outside this list are ignored and never stored.",
    access: PUBLIC,
    params: RegionSlugParam,
    body: SelfRegistrationBody,
    responses: {
      201: { description: "Registered; a consultant will get in touch", schema: SelfRegistrationAnswer },
      400: { description: "Invalid input" },
      404: { description: "Unknown region" },
      429: { description: "Too many registrations from this address" },
    },
    handler: async (c, { body }) => {
      await selfRegister(scope(c), body, { now: c.var.now, limits: requestLimits(c), origin: linksFor(c).origin });
      deliverSoon(c);
      return c.json({ registered: true as const, stage: "registered" as const }, 201);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/candidates",
    tag: TAG,
    summary: "Register a scouted entrepreneur as a candidate (frontdesk staff: for one of their own desks)",
    access: SCOUTS,
    params: RegionSlugParam,
    body: CandidateBody,
    responses: { 201: { description: "Registered", schema: TrajectoryResponse }, 400: { description: "Invalid input" }, ...common },
    handler: async (c, { body }) => {
      const actor = requireActor(c);
      const { id } = await registerCandidate(scope(c), actor, body, c.var.now, undefined, undefined, linksFor(c).origin);
      // The notices to the region's admins and the programme office.
      deliverSoon(c);
      return c.json({ candidate: await getTrajectory(scope(c), actor, id) }, 201);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/candidates",
    tag: TAG,
    summary: "Candidates, newest first (frontdesk staff: those their desks scouted)",
    access: READERS,
    params: RegionSlugParam,
    query: CandidateListQuery,
    responses: { 200: { description: "The candidates", schema: CandidateListDto }, 400: { description: "Invalid filter" }, ...common },
    handler: async (c, { query }) => {
      c.header("Cache-Control", "no-store");
      const candidates = await listCandidates(scope(c), requireActor(c), query, c.var.now);
      await recordPersonalDataAccess(scope(c), requireActor(c), { candidateIds: candidates.map((x) => x.id), task: "candidate_list" }, c.var.now);
      return c.json({ candidates });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/candidates/:id",
    tag: TAG,
    summary: "One candidate with the trajectory: commitments, sessions, experts and stage history (not for frontdesk staff)",
    access: READERS,
    params: CandidateParams,
    responses: { 200: { description: "The candidate", schema: TrajectoryResponse }, ...common },
    handler: async (c, { params }) => {
      c.header("Cache-Control", "no-store");
      const candidate = await getTrajectory(scope(c), requireActor(c), params.id);
      await recordPersonalDataAccess(scope(c), requireActor(c), { candidateIds: [candidate.id], task: "trajectory" }, c.var.now);
      return c.json({ candidate });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/candidates/:id/stage",
    tag: TAG,
    summary: "Move the trajectory one stage forward, record a go/no-go decision, or stop it with a referral",
    description:
      "One step forward at a time, or `stopped` from any active stage (needs `referral` and `stopReason`). Leaving `ambition_assessed` is the go/no-go decision: `decision: go` with the reconfirmed `commitment`; a no-go is `to: stopped`. After the no-show rule fired, record `decision: go` with `to` = the current stage (and a commitment) to continue, or stop.",
    access: WORKERS,
    params: CandidateParams,
    body: StageBody,
    responses: {
      200: { description: "Changed", schema: TrajectoryResponse },
      400: { description: "Invalid or missing input (referral, stop reason, decision, commitment)" },
      ...common,
      ...changed,
    },
    handler: async (c, { params, body }) => {
      const candidate = await changeStage(scope(c), requireActor(c), params.id, body, c.var.now, linksFor(c).origin);
      // A stop to an organisation of the catalogue mailed the organisation and the entrepreneur.
      deliverSoon(c);
      return c.json({ candidate });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/candidates/:id/commitments",
    tag: TAG,
    summary: "Record the effort commitment agreed at intake (or a reconfirmation later)",
    access: WORKERS,
    params: CandidateParams,
    body: CommitmentBody,
    responses: {
      201: {
        description: "Recorded",
        schema: CommitmentAnswer,
      },
      400: { description: "Invalid input" },
      ...common,
      ...changed,
    },
    handler: async (c, { params, body }) => c.json({ commitment: await recordCommitment(scope(c), requireActor(c), params.id, body, c.var.now) }, 201),
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/candidates/:id/sessions",
    tag: TAG,
    summary: "Log a session (attended or no-show); the no-show rule may then require a go/no-go decision",
    access: WORKERS,
    params: CandidateParams,
    body: SessionBody,
    responses: {
      201: {
        description: "Logged",
        schema: SessionAnswer,
      },
      400: { description: "Invalid input" },
      ...common,
      409: { description: "A go/no-go decision is required first (no-show rule), the intake has not started, or the trajectory has ended" },
    },
    handler: async (c, { params, body }) => c.json(await logSession(scope(c), requireActor(c), params.id, body, c.var.now), 201),
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/candidates/:id/assign",
    tag: TAG,
    summary: "Assign the trajectory to a consultant of the region",
    access: ADMIN,
    params: CandidateParams,
    body: AssignBody,
    responses: { 200: { description: "Assigned", schema: TrajectoryResponse }, 400: { description: "Not a consultant of this region" }, ...common, ...changed },
    handler: async (c, { params, body }) => {
      const candidate = await assignConsultant(scope(c), requireActor(c), params.id, body.consultantId, c.var.now, linksFor(c).origin);
      // The consultant's mail.
      deliverSoon(c);
      return c.json({ candidate });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/caseload",
    tag: TAG,
    summary: "A consultant's trajectories, active first (a consultant their own; the admin names one)",
    access: WORKERS,
    params: RegionSlugParam,
    query: CaseloadQuery,
    responses: { 200: { description: "The caseload", schema: CandidateListDto }, 400: { description: "No consultant named" }, ...common },
    handler: async (c, { query }) => {
      const consultantId = await caseloadOwner(scope(c), requireActor(c), query.consultantId);
      c.header("Cache-Control", "no-store");
      return c.json({ candidates: await listCaseload(scope(c), consultantId, c.var.now) });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/consultants",
    tag: TAG,
    summary: "Each consultant's load: active trajectories, decisions pending, sessions in the last 30 days",
    access: ADMIN,
    params: RegionSlugParam,
    responses: { 200: { description: "The loads", schema: ConsultantLoadDto }, ...common },
    handler: async (c) => c.json({ consultants: await consultantLoads(scope(c), c.var.now) }),
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/scouting/settings",
    tag: TAG,
    summary: "The region's Support Process settings (the no-show rule)",
    access: WORKERS,
    params: RegionSlugParam,
    responses: { 200: { description: "The settings", schema: SettingsDto }, ...common },
    handler: async (c) => c.json({ settings: await getScoutingSettings(scope(c)) }),
  }),
  defineEndpoint({
    method: "patch",
    path: "/regions/:region/admin/scouting/settings",
    tag: TAG,
    summary: "Change the region's no-show rule",
    access: ADMIN,
    params: RegionSlugParam,
    body: SettingsBody,
    responses: { 200: { description: "Changed", schema: SettingsDto }, 400: { description: "Invalid input" }, ...common },
    handler: async (c, { body }) => c.json({ settings: await updateScoutingSettings(scope(c), requireActor(c), body, c.var.now) }),
  }),
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/scouting/report",
    tag: TAG,
    summary: "Funnel figures of the candidates registered in a period",
    description:
      "Candidates per stage, conversion between consecutive stages, candidates and qualified candidates per scouting frontdesk, business plans against the programme target (75–100 plans from at least 500 starts in two years), median attended sessions per delivered plan, stop reasons and referrals.",
    access: ADMIN,
    params: RegionSlugParam,
    query: ReportQuery,
    responses: { 200: { description: "The report", schema: ScoutingReportDto }, 400: { description: "Invalid period" }, ...common },
    handler: async (c, { query }) => {
      const now = c.var.now;
      c.header("Cache-Control", "no-store");
      return c.json(await scoutingReport(scope(c), resolvePeriod(query, now), now));
    },
  }),
];
