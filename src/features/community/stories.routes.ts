/** Best-practice stories (api.md "Knowledge square and community"). */
import * as v from "valibot";
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { ReadPlan } from "../../db/read";
import { regionScope } from "../../db/scope";
import { requireActor } from "../../lib/context";
import { PUBLIC, rolesAccess } from "../auth/policy";
import { RegionSlugParam } from "../regions/regions.schemas";
import { StoryBody, StoryCreatedAnswer, StoryDto, StoryListAnswer, StoryListQuery } from "./community.schemas";
import { planStories, planStory, publishStory } from "./stories.service";

const TAG = "Knowledge square";
const SlugParam = v.object({ slug: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,80}$/, "This story does not exist.")) });

export const storyEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/stories",
    tag: TAG,
    summary: "Published best-practice stories of entrepreneurs (filters topic and region)",
    access: PUBLIC,
    query: StoryListQuery,
    responses: { 200: { description: "Newest first", schema: StoryListAnswer }, 400: { description: "Invalid filter" } },
    handler: async (c, { query }) => {
      const plan = new ReadPlan(c.var.db);
      const stories = planStories(plan, query);
      await plan.run();
      return c.json({ stories: stories() });
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/stories/:slug",
    tag: TAG,
    summary: "One story",
    access: PUBLIC,
    params: SlugParam,
    responses: { 200: { description: "The story", schema: v.object({ story: StoryDto }) }, 404: { description: "Unknown story" } },
    handler: async (c, { params }) => {
      const plan = new ReadPlan(c.var.db);
      const story = planStory(plan, params.slug);
      await plan.run();
      return c.json({ story: story() });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/regions/:region/admin/stories",
    tag: TAG,
    summary: "Publish a story (region admin), recording the entrepreneur's written consent",
    description:
      "`consentDate` is the date of the entrepreneur's written consent; the admin who publishes is recorded as the one who recorded it. Offers must be published; desks must be the region's. Audited.",
    access: rolesAccess("region_admin"),
    params: RegionSlugParam,
    body: StoryBody,
    responses: {
      201: { description: "Published", schema: StoryCreatedAnswer },
      400: { description: "Invalid input, an unpublished offer or another region's desk" },
      401: { description: "Not signed in" },
      403: { description: "Not a region admin" },
      404: { description: "Unknown region (or another region's)" },
    },
    handler: async (c, { body }) => {
      const story = await publishStory(regionScope(c.var.db, c.var.region), requireActor(c), body, c.var.now);
      return c.json({ story }, 201);
    },
  }),
];
