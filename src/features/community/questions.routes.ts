/** The knowledge square's questions and answers (api.md "Knowledge square and community"). */
import { defineEndpoint, type Endpoint } from "../../http/endpoint";
import { ReadPlan } from "../../db/read";
import type { AppContext } from "../../lib/context";
import { ENTREPRENEUR, PUBLIC } from "../auth/policy";
import { MEMBERS, posterOf } from "./community-access";
import { planEntrepreneur, requireEntrepreneur } from "../entrepreneurs/entrepreneur-session";
import {
  AcceptBody,
  AcceptedAnswer,
  AnswerBody,
  AnsweredAnswer,
  AskBody,
  AskedAnswer,
  QuestionAnswer,
  QuestionIdParam,
  QuestionListAnswer,
  QuestionListQuery,
  ReportBody,
  ReportedAnswer,
  UsefulAnswer,
} from "./community.schemas";
import { acceptAnswer, answerQuestion, askQuestion, markUseful, planQuestion, planQuestionList, reportPost } from "./questions.service";

const TAG = "Knowledge square";
const signedIn = { 401: { description: "Not signed in" }, 403: { description: "Not allowed, blocked from posting, or the Origin check failed" } };

const writeContext = (c: AppContext) => ({ now: c.var.now, rateLimits: c.var.config.RATE_LIMITS });

export const questionEndpoints: Endpoint[] = [
  defineEndpoint({
    method: "get",
    path: "/questions",
    tag: TAG,
    summary: "Published questions: search (`q`, the catalogue's Dutch full-text search), topic and region",
    description:
      "`region` gives the region's questions and those to all of Limburg. Newest first, or by relevance with `q`. The asker's label is the company name or `Anonieme ondernemer`; nothing else about the asker is ever shown.",
    access: PUBLIC,
    query: QuestionListQuery,
    responses: { 200: { description: "A page of questions", schema: QuestionListAnswer }, 400: { description: "Invalid filter" } },
    handler: async (c, { query }) => {
      const plan = new ReadPlan(c.var.db);
      const list = planQuestionList(plan, query);
      await plan.run();
      return c.json(list());
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/questions/:id",
    tag: TAG,
    summary: "One question with its published answers",
    description:
      "A pending question is shown to its asker only (`mine: true`); to anyone else it is 404, as is a hidden one. Answers: the accepted one first, then by useful marks.",
    access: PUBLIC,
    params: QuestionIdParam,
    responses: { 200: { description: "The question", schema: QuestionAnswer }, 404: { description: "Unknown, pending or hidden" } },
    handler: async (c, { params }) => {
      const plan = new ReadPlan(c.var.db);
      const session = await planEntrepreneur(c, plan);
      const read = planQuestion(plan, params.id, session.sessionIdHash ? { sessionIdHash: session.sessionIdHash } : null);
      await plan.run();
      const me = session.me();
      const found = read();
      // A session that turned out expired never counts as the asker.
      if (!me) found.question.mine = false;
      if (found.question.mine) c.header("Cache-Control", "no-store");
      return c.json(found);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/questions",
    tag: TAG,
    summary: "Ask a question (signed-in entrepreneur), under the company name or anonymously",
    description:
      "The first question of a new poster is `pending` until a moderator of its region publishes it (all-Limburg questions: any region admin); later ones are `published` at once. At most 10 questions and answers per account per hour.",
    access: ENTREPRENEUR,
    body: AskBody,
    responses: {
      201: { description: "Asked", schema: AskedAnswer },
      400: { description: "Invalid input (also an unknown region)" },
      429: { description: "Too many posts" },
      ...signedIn,
    },
    handler: async (c, { body }) => {
      const question = await askQuestion(c.var.db, requireEntrepreneur(c).id, body, writeContext(c));
      return c.json({ question }, 201);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/questions/:id/answers",
    tag: TAG,
    summary: "Answer a published question (entrepreneur, partner or staff)",
    description:
      "Labelled by who answers: an entrepreneur's company, `Expert van <organisation>` for a partner, `Loket <region>` for staff. `offerSlugs` and `eventSlugs` link published catalogue offers and events (400 for any other). The asker gets a digest of new answers at most once an hour.",
    access: MEMBERS,
    params: QuestionIdParam,
    body: AnswerBody,
    responses: {
      201: { description: "Answered", schema: AnsweredAnswer },
      400: { description: "Invalid input, or a linked offer or event that is not published" },
      404: { description: "Unknown, pending or hidden question" },
      429: { description: "Too many posts" },
      ...signedIn,
    },
    handler: async (c, { params, body }) => {
      const answer = await answerQuestion(c.var.db, posterOf(c), params.id, body, writeContext(c));
      return c.json({ answer }, 201);
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/questions/:id/accept",
    tag: TAG,
    summary: "The asker marks the answer that helped",
    description: "Only the asker of the question (404 for anyone else's question, as if unknown). Choosing another answer replaces the choice.",
    access: ENTREPRENEUR,
    params: QuestionIdParam,
    body: AcceptBody,
    responses: {
      200: { description: "Accepted", schema: AcceptedAnswer },
      400: { description: "Invalid input" },
      404: { description: "Not your question, or unknown answer" },
      ...signedIn,
    },
    handler: async (c, { params, body }) => {
      await acceptAnswer(c.var.db, requireEntrepreneur(c).id, params.id, body.answerId, c.var.now);
      return c.json({ accepted: { questionId: params.id, answerId: body.answerId } });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/answers/:id/useful",
    tag: TAG,
    summary: "Mark an answer useful (once per person)",
    description: "Idempotent: a second mark by the same person changes nothing and answers 200 with the same count.",
    access: MEMBERS,
    params: QuestionIdParam,
    responses: { 200: { description: "Marked (or marked already)", schema: UsefulAnswer }, 404: { description: "Unknown or hidden answer" }, ...signedIn },
    handler: async (c, { params }) => {
      const usefulCount = await markUseful(c.var.db, posterOf(c), params.id, c.var.now);
      return c.json({ usefulCount, marked: true as const });
    },
  }),
  ...(["question", "answer"] as const).map((kind) =>
    defineEndpoint({
      method: "post",
      path: `/${kind}s/:id/report`,
      tag: TAG,
      summary: `Report ${kind === "question" ? "a question" : "an answer"} to the moderators`,
      description:
        "Goes to the moderation queue of the question's region (all-Limburg questions: every region's). Once per person (again: 202, nothing changes); at most 20 reports per account per hour.",
      access: MEMBERS,
      params: QuestionIdParam,
      body: ReportBody,
      responses: {
        202: { description: "Reported", schema: ReportedAnswer },
        400: { description: "Invalid input" },
        404: { description: "Unknown or hidden" },
        429: { description: "Too many reports" },
        ...signedIn,
      },
      handler: async (c, { params, body }) => {
        await reportPost(c.var.db, posterOf(c), kind, params.id, body.reason, writeContext(c));
        return c.json({ reported: true as const }, 202);
      },
    }),
  ),
];
