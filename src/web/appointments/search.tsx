/** The entrepreneur's search filters (municipality, topic, mode) as read from a query, and the links that keep them. */
import { formatOffsetIso } from "../../lib/time";
import { MODES, TOPICS, modeLabel, topicLabel, type Mode, type Topic } from "../../lib/vocabulary";
import type { Web } from "../kit/context";
import { withQuery } from "../kit/page";
import type { MessageKey } from "../i18n";
import { SelectField, type Option } from "../kit/fields";

const asTopic = (s: string | undefined): Topic | undefined => ((TOPICS as readonly string[]).includes(s ?? "") ? (s as Topic) : undefined);
const asMode = (s: string | undefined): Mode | undefined => ((MODES as readonly string[]).includes(s ?? "") ? (s as Mode) : undefined);

/** The filters of the page's query; anything unknown is left out. */
export function searchFilters(w: Web): { municipality?: string; topic?: Topic; mode?: Mode } {
  const municipality = (w.c.req.query("municipality") ?? "").trim();
  const topic = asTopic(w.c.req.query("topic"));
  const mode = asMode(w.c.req.query("mode"));
  return {
    ...(municipality && municipality.length <= 100 ? { municipality } : {}),
    ...(topic ? { topic } : {}),
    ...(mode ? { mode } : {}),
  };
}

const ANY: Record<"municipality" | "topic" | "mode", MessageKey> = { municipality: "filter.anyMunicipality", topic: "filter.anyTopic", mode: "filter.anyMode" };

/** One search filter: "any" unless `required` (the start page asks for the municipality). */
export function FilterSelect(p: { w: Web; name: "municipality" | "topic" | "mode"; value?: string | undefined; options: Option[]; required?: boolean }) {
  const { t } = p.w;
  // A required list starts on "choose" (never on its first entry, which nobody picked).
  const empty = p.required ? t("filter.choose") : t(ANY[p.name]);
  return (
    <SelectField
      t={t}
      id={`f-${p.name}`}
      name={p.name}
      label={t(`filter.${p.name}`)}
      errors={[]}
      value={p.value}
      options={p.options}
      empty={empty}
      required={p.required}
    />
  );
}

export const topicOptions = (w: Web) => TOPICS.map((topic) => ({ value: topic, label: topicLabel(topic, w.locale) }));
export const modeOptions = (w: Web, modes: readonly Mode[] = MODES) => modes.map((mode) => ({ value: mode, label: modeLabel(mode, w.locale) }));

/** The booking form for one time at one desk, keeping the topic and mode chosen so far. */
export function bookHref(
  regionSlug: string,
  deskId: string,
  start: number | string,
  keep: { topic?: string | undefined; mode?: string | undefined; municipality?: string | undefined },
) {
  return withQuery(`/boeken/${regionSlug}/loket/${deskId}/afspraak`, {
    start: typeof start === "number" ? formatOffsetIso(start) : start,
    topic: keep.topic,
    mode: keep.mode,
    municipality: keep.municipality,
  });
}
