/**
 * Request and response shapes of the account routes. Every string is bounded; single-line
 * fields refuse control characters (CR/LF included), so nothing entered here can break an
 * e-mail header. Unknown fields are ignored (valibot `v.object` strips them), as everywhere.
 */
import * as v from "valibot";
import { ROLES } from "../../db/schema";
import { Id } from "../frontdesks/frontdesks.schemas";
import { PASSWORD_MAX_LENGTH } from "../auth/password-policy";
import { singleLineText } from "../../lib/text";

const line = (label: string, max: number) =>
  v.pipe(
    v.string(`Enter the ${label}.`),
    v.trim(),
    v.minLength(1, `Enter the ${label}.`),
    v.maxLength(max, `The ${label} can be at most ${max} characters.`),
    singleLineText(`The ${label} must be a single line without special characters.`),
  );

export const Email = v.pipe(
  v.string("Enter the e-mail address."),
  v.trim(),
  v.maxLength(254, "The e-mail address is too long."),
  singleLineText("Enter a valid e-mail address."),
  v.email("Enter a valid e-mail address."),
  v.toLowerCase(),
);

/** New passwords: the length bounds here, the rest (common passwords, e-mail) in the service. */
export const NewPassword = v.pipe(
  v.string("Enter a password."),
  v.minLength(1, "Enter a password."),
  v.maxLength(PASSWORD_MAX_LENGTH, `Choose a password of at most ${PASSWORD_MAX_LENGTH} characters.`),
);
export const OneTimeToken = v.pipe(v.string("This link is not valid."), v.regex(/^[A-Za-z0-9_-]{20,100}$/, "This link is not valid."));

export const AcceptInvitationBody = v.object({ token: OneTimeToken, password: NewPassword });
export const PasswordResetBody = v.object({ email: Email });
export const PasswordResetConfirmBody = v.object({ token: OneTimeToken, password: NewPassword });
export const ChangePasswordBody = v.object({
  currentPassword: v.pipe(v.string("Enter your current password."), v.minLength(1, "Enter your current password."), v.maxLength(PASSWORD_MAX_LENGTH)),
  newPassword: NewPassword,
});

export const Role = v.picklist(ROLES, "Choose a valid role.");
const FrontdeskIds = v.pipe(v.array(Id, "Give the frontdesks as a list of ids."), v.maxLength(50, "At most 50 frontdesks."));

export const RegionalAccountBody = v.pipe(
  v.object({
    email: Email,
    name: line("name", 120),
    role: v.picklist(["frontdesk_staff", "consultant", "region_admin"] as const, "Choose frontdesk_staff, consultant or region_admin."),
    frontdeskIds: v.optional(FrontdeskIds),
  }),
  v.forward(
    v.partialCheck(
      [["role"], ["frontdeskIds"]],
      (a) => a.role !== "frontdesk_staff" || (a.frontdeskIds ?? []).length > 0,
      "Choose at least one frontdesk for frontdesk staff.",
    ),
    ["frontdeskIds"],
  ),
);

export const PlatformAccountBody = v.object({
  email: Email,
  name: line("name", 120),
  role: Role,
  region: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,60}$/, "Unknown region."))),
  frontdeskIds: v.optional(FrontdeskIds),
});

export const AccountPatchBody = v.object({
  name: v.optional(line("name", 120)),
  role: v.optional(Role),
  frontdeskIds: v.optional(FrontdeskIds),
  disabled: v.optional(v.boolean("Give true or false.")),
});

export const NewRegionBody = v.object({
  slug: v.pipe(v.string("Enter the slug."), v.regex(/^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/, "Use lower-case letters, digits and hyphens (at most 60).")),
  name: line("name", 120),
  operator: line("operator", 200),
  municipalities: v.pipe(
    v.array(
      v.object({ cbsCode: v.pipe(v.string("Enter the CBS code."), v.regex(/^[0-9]{4}$/, "A CBS code has 4 digits.")), name: line("municipality name", 100) }),
      "Give the municipalities as a list.",
    ),
    v.minLength(1, "Give at least one municipality."),
    v.maxLength(100, "At most 100 municipalities."),
  ),
});

export const ErasureBody = v.object({ email: Email });

export const AccountDtoSchema = v.object({
  id: v.string(),
  email: v.string(),
  name: v.string(),
  role: Role,
  region: v.optional(v.string()),
  frontdeskIds: v.optional(v.array(v.string())),
  disabled: v.boolean(),
  hasPassword: v.boolean(),
  createdAt: v.string(),
});

export const UserIdParams = v.object({ region: v.string(), id: Id });

export const PasswordResetAnswer = v.object({ message: v.string() });

export const RegionCreatedAnswer = v.object({
  region: v.object({
    slug: v.string(),
    name: v.string(),
    operator: v.string(),
    municipalities: v.array(v.object({ cbsCode: v.string(), name: v.string() })),
  }),
});

export const AccountListAnswer = v.object({ users: v.array(AccountDtoSchema) });

export const AccountAnswer = v.object({ user: AccountDtoSchema });
