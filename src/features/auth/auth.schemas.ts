/** Request and answer shapes of the sign-in routes. */
import * as v from "valibot";
import { ROLES } from "../../db/schema";

export const UserDto = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: v.picklist(ROLES),
  region: v.optional(v.string()),
  frontdeskIds: v.optional(v.array(v.string())),
  organisation: v.optional(v.pipe(v.string(), v.description("Partners: the slug of their organisation."))),
  regions: v.optional(
    v.pipe(
      v.array(v.object({ region: v.string(), role: v.picklist(ROLES) })),
      v.description("Users who are members of several regions: each region with the role held there (`role`/`region` above are the home region's)."),
    ),
  ),
  municipality: v.optional(v.pipe(v.string(), v.description("Municipality viewers: the municipality whose figures they see."))),
});

export const LoginBody = v.object({
  email: v.pipe(
    v.string("Enter your e-mail address."),
    v.trim(),
    v.maxLength(254, "The e-mail address is too long."),
    v.email("Enter a valid e-mail address."),
  ),
  password: v.pipe(v.string("Enter your password."), v.minLength(1, "Enter your password."), v.maxLength(200, "The password is too long.")),
});

export const UserAnswer = v.object({ user: UserDto });
