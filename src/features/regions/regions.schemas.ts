import * as v from "valibot";

export const RegionSlugParam = v.object({
  region: v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,60}$/, "Unknown region.")),
});

export const RegionDto = v.object({
  slug: v.string(),
  name: v.string(),
  operator: v.string(),
  municipalities: v.array(v.object({ cbsCode: v.string(), name: v.string() })),
});

export const RegionListAnswer = v.object({ regions: v.array(v.omit(RegionDto, ["municipalities"])) });

export const RegionAnswer = v.object({ region: RegionDto });
