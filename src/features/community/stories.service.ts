/**
 * Best-practice stories (issue 18): a region's admins publish an entrepreneur's story once the
 * entrepreneur agreed in writing; the story records the date of that consent and who recorded
 * it, is tagged with topics and links the offers and desks that helped. Audited.
 */
import type { Row } from "@libsql/client/web";
import { type ReadPlan, resultSetRead } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import { writeBatch } from "../../db/write";
import type { Actor } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId } from "../../lib/ids";
import { formatOffsetIso } from "../../lib/time";
import { auditEntryIf } from "../audit/audit.repo";
import type { StoryInput, StoryView } from "./community.schemas";
import { insertStoryStatement, listStoriesStatement, storyStatement } from "./stories.repo";

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
function list<T>(v: unknown): T[] {
  try {
    const parsed = JSON.parse(str(v) || "[]") as unknown;
    return Array.isArray(parsed) ? (parsed as T[]) : [];
  } catch {
    return [];
  }
}

function toStory(row: Row): StoryView {
  return {
    id: str(row.id),
    slug: str(row.slug),
    title: str(row.title),
    companyName: str(row.company_name),
    summary: str(row.summary),
    body: str(row.body),
    region: str(row.region),
    topics: list<string>(row.topics),
    offers: list<{ slug: string; title: string }>(row.offers),
    frontdesks: list<{ id: string; name: string }>(row.frontdesks),
    publishedAt: formatOffsetIso(Number(row.published_at)),
  };
}

/** Published stories (filters topic and region) in a read plan. */
export function planStories(plan: ReadPlan, filters: { topic?: string | undefined; region?: string | undefined }): () => StoryView[] {
  const rows = plan.add(resultSetRead(listStoriesStatement(filters)));
  return () => rows.value.rows.map(toStory);
}

/** One story in a read plan (404 when unknown). */
export function planStory(plan: ReadPlan, slug: string): () => StoryView {
  const rows = plan.add(resultSetRead(storyStatement(slug)));
  return () => {
    const row = rows.value.rows[0];
    if (!row) throw notFound("This story");
    return toStory(row);
  };
}

/** A readable, unique slug: the title's words and a short random tail. */
function slugOf(title: string): string {
  const base = title
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${base || "verhaal"}-${newId()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .slice(0, 6)}`;
}

/** Publishes a story of the region with the consent recorded (date, and the admin who recorded it). */
export async function publishStory(scope: RegionScope, actor: Actor, input: StoryInput, now: number): Promise<{ id: string; slug: string }> {
  const id = newId();
  const slug = slugOf(input.title);
  const results = await writeBatch(scope.db, [
    insertStoryStatement(scope, { id, slug, ...input, recordedBy: actor.id, now }),
    auditEntryIf(scope, actor, "community.story.published", { type: "story", id }, { consentDate: input.consentDate }, now, {
      sql: "exists (select 1 from stories where id = ?)",
      args: [id],
    }),
  ]);
  if (!results[0]?.rows[0]) {
    throw new DomainError("validation_failed", "Some body fields are not valid.", [
      { path: "offerSlugs", message: "Link published offers and the region's own desks only." },
    ]);
  }
  return { id, slug };
}
