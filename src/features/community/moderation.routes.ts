/** The region's moderation of the knowledge square (api.md "Knowledge square and community"). */
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { ReadPlan } from "../../db/read";
import { regionScope } from "../../db/scope";
import { requireActor } from "../../lib/context";
import { notFound } from "../../lib/errors";
import { rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { ModeratedAnswer, ModerationBody, ModerationParams, ModerationQueueAnswer } from "./community.schemas";
import { moderate, planModerationQueue } from "./moderation.service";

const TAG = "Knowledge square";
/** Region admins moderate their region (and all-Limburg questions); the programme office (issue 19) moderates every region. */
const MODERATORS = rolesAccess("region_admin", "programme_office");
const errors = { 401: { description: "Not signed in" }, 403: { description: "Not a region admin (the province sees aggregates only)" } };

export const moderationEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/regions/:region/admin/moderation",
    tag: TAG,
    summary: "The region's moderation queue: first questions waiting, reported and hidden posts, and questions unanswered after 3 working days",
    description:
      "Questions of the region and those to all of Limburg. Reports carry their reasons. An anonymous asker stays anonymous here too: blocking acts on the post, so nobody needs to know who it is.",
    access: MODERATORS,
    params: RegionSlugParam,
    responses: { 200: { description: "The queue", schema: ModerationQueueAnswer }, 404: { description: "Unknown region (or another region's)" }, ...errors },
    handler: async (c) => {
      const plan = new ReadPlan(c.var.db);
      const queue = planModerationQueue(plan, regionScope(c.var.db, c.var.region), c.var.now);
      await plan.run();
      c.header("Cache-Control", "no-store");
      return c.json(queue());
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/moderation/:kind/:id",
    tag: TAG,
    summary: "Publish, hide, restore or edit a question or answer (with an optional visible note), or block its author from posting",
    description:
      "`kind` is `question` or `answer`. `edit` needs `title` and/or `body` and a `note`, shown with the post. Every action is audited. 404 for a post of another region; 409 when the action does not apply (publishing a published question).",
    access: MODERATORS,
    params: ModerationParams,
    body: ModerationBody,
    responses: {
      200: { description: "Done", schema: ModeratedAnswer },
      400: { description: "Invalid input" },
      404: { description: "Unknown post, or another region's" },
      409: { description: "The action does not apply to the post's state" },
      ...errors,
    },
    handler: async (c, { params, body }) => {
      if (params.kind !== "question" && params.kind !== "answer") throw notFound("This post");
      const result = await moderate(regionScope(c.var.db, c.var.region), requireActor(c), params.kind, params.id, body, c.var.now);
      return c.json(result);
    },
  }),
];
