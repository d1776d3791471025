import * as v from "valibot";

export const MAX_ORIGINS = 20;

export const EmbedOriginsBody = v.strictObject({
  origins: v.pipe(
    v.array(v.pipe(v.string("Give each origin as text."), v.maxLength(200, "An origin has at most 200 characters.")), "Give the origins as a list."),
    v.maxLength(MAX_ORIGINS, `At most ${MAX_ORIGINS} origins.`),
    v.description("Sites that may embed the booking pages and read the region's public API from a browser: `https://host[:port]`, no path."),
  ),
});

export const EmbedOriginsAnswer = v.object({ origins: v.array(v.string()) });
