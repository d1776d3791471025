import type { Db } from "../../db/client";
import type { AccountTokenPurpose, Role } from "../../db/schema";
import { ReadPlan } from "../../db/read";
import type { RegionScope } from "../../db/scope";
import { deskConfigQueries } from "../frontdesks/frontdesks.repo";
import { writeBatch, type WriteStatement } from "../../db/write";
import type { Actor, RegionRef } from "../../lib/context";
import { DomainError, notFound } from "../../lib/errors";
import { newId, newToken, sha256Hex } from "../../lib/ids";
import { hashPassword, verifyPassword } from "../../lib/password";
import { assertMayAssignRole, assertMayManageAccount, isRegionalRole } from "../auth/policy";
import { PasswordRefused, passwordProblem } from "../auth/password-policy";
import { findRegionById, listRegions } from "../regions/regions.repo";
import { findRegion } from "../regions/regions.service";
import { auditStatement } from "../audit/audit.repo";
import { ROLE_LABELS_NL, renderInvitation, renderPasswordReset } from "./account-messages";
import {
  countRegionFrontdesks,
  deleteUserSessionsStatement,
  findAccountToken,
  findRegionUser,
  regionsWithAdminsQuery,
  findUserByEmailAddress,
  frontdeskIdsByUser,
  listAllUsers,
  listRegionUsers,
  regionUsersQuery,
  toRegionUsers,
  insertAccountMailStatement,
  insertAccountTokenStatement,
  insertRegionStatements,
  insertUserStatement,
  replaceUserFrontdesksStatements,
  setPasswordWithTokenStatement,
  spendUserTokensStatement,
  updateUserStatement,
  type UserRow,
} from "./accounts.repo";
import { type Limits, emailKey } from "../../lib/rate-limit";

export const INVITATION_TTL_MS = 72 * 3_600_000;
export const RESET_TTL_MS = 2 * 3_600_000;

/** Where the one-time links lead (pages of the web front). */
export const INVITATION_PATH = "/account/uitnodiging";
export const RESET_PATH = "/account/wachtwoord-herstellen";

export interface AccountDto {
  id: string;
  email: string;
  name: string;
  role: Role;
  region?: string;
  frontdeskIds?: string[];
  disabled: boolean;
  /** False while the invitation has not been accepted. */
  hasPassword: boolean;
  createdAt: string;
}

export function toAccountDto(user: UserRow, regionSlug: string | null, frontdeskIds: string[] = []): AccountDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...(regionSlug ? { region: regionSlug } : {}),
    ...(user.role === "frontdesk_staff" ? { frontdeskIds } : {}),
    disabled: user.disabledAt !== null,
    hasPassword: user.passwordHash !== null,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}

function issue(path: string, message: string): DomainError {
  return new DomainError("validation_failed", message, [{ path, message }]);
}

/**
 * Issues a one-time token; returns the statements that store it and mail the link.
 * `wording` overrides how the invitation names the role and place (e.g. a partner's organisation).
 */
export async function tokenMail(
  db: Db,
  user: { id: string; email: string; name: string; role: Role },
  region: RegionRef | null,
  purpose: AccountTokenPurpose,
  origin: string,
  now: number,
  wording?: { roleLabel: string; regionName: string | null },
): Promise<WriteStatement[]> {
  const token = newToken(32);
  const tokenHash = await sha256Hex(token);
  const ttl = purpose === "invitation" ? INVITATION_TTL_MS : RESET_TTL_MS;
  const link = `${origin}${purpose === "invitation" ? INVITATION_PATH : RESET_PATH}?token=${encodeURIComponent(token)}`;
  const message =
    purpose === "invitation"
      ? renderInvitation({
          name: user.name,
          link,
          validHours: ttl / 3_600_000,
          roleLabel: wording?.roleLabel ?? ROLE_LABELS_NL[user.role] ?? user.role,
          regionName: wording ? wording.regionName : (region?.name ?? null),
        })
      : renderPasswordReset({ name: user.name, link, validHours: ttl / 3_600_000 });
  return [
    insertAccountTokenStatement(db, { tokenHash, userId: user.id, purpose, expiresAt: now + ttl, createdAt: now }),
    // The token hash is unique, so it makes a good dedupe key (and reveals nothing).
    insertAccountMailStatement({
      regionId: region?.id ?? null,
      kind: purpose,
      dedupeKey: tokenHash,
      recipient: user.email,
      subject: message.subject,
      text: message.text,
      html: message.html,
      now,
    }),
  ];
}

/** Every account of the platform, by e-mail address (platform admin). */
export async function listPlatformAccounts(db: Db): Promise<AccountDto[]> {
  const users = await listAllUsers(db);
  return users.map((u) => toAccountDto(u, u.regionSlug, u.frontdeskIds));
}

/** The region's accounts by name, with the frontdesks of frontdesk staff. */
export async function listRegionAccounts(scope: RegionScope): Promise<AccountDto[]> {
  const users = await listRegionUsers(scope);
  return users.map((u) => toAccountDto(u, scope.region.slug, u.frontdeskIds));
}

/**
 * The region's accounts (with their desks) and the region's desks, for the staff list: one read batch.
 * @example const { users, desks } = await readRegionStaff(scope);
 */
export async function readRegionStaff(scope: RegionScope) {
  const plan = new ReadPlan(scope.db);
  const users = plan.add(regionUsersQuery(scope));
  const desks = plan.add(deskConfigQueries(scope, "9999-12-31").desks);
  await plan.run();
  return { users: toRegionUsers(users.value).map((u) => toAccountDto(u, scope.region.slug, u.frontdeskIds)), desks: desks.value };
}

/**
 * One account of the region that this actor may change (404 when not in the region; 403 for
 * their own account or a role they could not give).
 */
export async function getManageableAccount(scope: RegionScope, actor: Actor, id: string): Promise<AccountDto> {
  const user = await findRegionUser(scope, id);
  if (!user) throw notFound("This account");
  assertMayManageAccount(actor, user);
  const desks = (await frontdeskIdsByUser(scope.db, [user.id])).get(user.id);
  return toAccountDto(user, scope.region.slug, desks);
}

/**
 * The account a one-time link (invitation or reset) opens, while the link is unspent and
 * unexpired; null otherwise (malformed, unknown, spent, expired, or the account is disabled).
 */
export async function openAccountLink(db: Db, purpose: AccountTokenPurpose, token: string, now: number): Promise<{ email: string; name: string } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const found = await findAccountToken(db, await sha256Hex(token), purpose);
  if (!found || found.token.usedAt !== null || found.token.expiresAt <= now || found.user.disabledAt !== null) return null;
  return { email: found.user.email, name: found.user.name };
}

export interface NewAccountInput {
  email: string;
  name: string;
  role: Role;
  frontdeskIds?: string[] | undefined;
}

/**
 * Creates an account without a password and sends the invitation (72 h, one use).
 * `region` is the region the account belongs to (null for the platform-wide roles).
 * @example await createAccount(db, actor, region, { email, name, role: "consultant" }, origin, Date.now());
 */
export async function createAccount(db: Db, actor: Actor, region: RegionRef | null, input: NewAccountInput, origin: string, now: number): Promise<AccountDto> {
  assertMayAssignRole(actor, input.role);
  if (isRegionalRole(input.role) && !region) throw issue("region", "Choose the region this account belongs to.");
  if (!isRegionalRole(input.role) && region) throw issue("region", "This role belongs to no region; leave the region empty.");
  const frontdeskIds = [...new Set(input.frontdeskIds ?? [])];
  if (input.role === "frontdesk_staff") {
    if (!region || frontdeskIds.length === 0) throw issue("frontdeskIds", "Choose at least one frontdesk for frontdesk staff.");
    if ((await countRegionFrontdesks({ db, region }, frontdeskIds)) !== frontdeskIds.length) throw issue("frontdeskIds", "Choose frontdesks of this region.");
  } else if (frontdeskIds.length > 0) {
    throw issue("frontdeskIds", "Only frontdesk staff are bound to frontdesks.");
  }
  const email = input.email.toLowerCase();
  if (await findUserByEmailAddress(db, email)) throw new DomainError("conflict", "An account with this e-mail address already exists.");

  const user: UserRow = {
    id: newId(),
    email,
    name: input.name,
    role: input.role,
    regionId: region?.id ?? null,
    organisationId: null,
    municipality: null,
    passwordHash: null,
    disabledAt: null,
    createdAt: now,
  };
  const statements: WriteStatement[] = [
    insertUserStatement(db, user),
    ...(region && input.role === "frontdesk_staff" ? replaceUserFrontdesksStatements(db, user.id, region.id, frontdeskIds).slice(1) : []),
    ...(await tokenMail(db, user, region, "invitation", origin, now)),
    auditStatement(
      db,
      region?.id ?? null,
      actor,
      "account.created",
      { type: "user", id: user.id },
      { role: user.role, ...(frontdeskIds.length ? { frontdeskIds } : {}) },
      now,
    ),
  ];
  await writeBatch(db, statements);
  return toAccountDto(user, region?.slug ?? null, frontdeskIds);
}

/**
 * Creates an account in the region named by `regionSlug` (none for platform-wide roles), as
 * the platform admin does: an unknown region is 404, everything else as {@link createAccount}.
 */
export async function createAccountInRegion(
  db: Db,
  actor: Actor,
  regionSlug: string | undefined,
  input: NewAccountInput,
  origin: string,
  now: number,
): Promise<AccountDto> {
  const region = regionSlug ? await findRegion(db, regionSlug) : null;
  if (regionSlug && !region) throw notFound("This region");
  return createAccount(db, actor, region, input, origin, now);
}

export interface AccountPatch {
  name?: string | undefined;
  role?: Role | undefined;
  frontdeskIds?: string[] | undefined;
  disabled?: boolean | undefined;
}

/**
 * Changes a regional account: name, role, frontdesks, disabled. Takes effect on the user's
 * next request (the user row is read on every request); disabling also ends their sessions.
 */
export async function updateRegionAccount(scope: RegionScope, actor: Actor, id: string, patch: AccountPatch, now: number): Promise<AccountDto> {
  const user = await findRegionUser(scope, id);
  if (!user) throw notFound("This account");
  assertMayManageAccount(actor, user);
  const role = patch.role ?? user.role;
  if (patch.role) assertMayAssignRole(actor, patch.role);
  if (!isRegionalRole(role)) throw issue("role", "Choose a role within the region.");

  const current = (await frontdeskIdsByUser(scope.db, [user.id])).get(user.id) ?? [];
  let frontdeskIds = patch.frontdeskIds ? [...new Set(patch.frontdeskIds)] : current;
  if (role === "frontdesk_staff") {
    if (frontdeskIds.length === 0) throw issue("frontdeskIds", "Choose at least one frontdesk for frontdesk staff.");
    if (patch.frontdeskIds && (await countRegionFrontdesks(scope, frontdeskIds)) !== frontdeskIds.length)
      throw issue("frontdeskIds", "Choose frontdesks of this region.");
  } else {
    if (patch.frontdeskIds && patch.frontdeskIds.length > 0) throw issue("frontdeskIds", "Only frontdesk staff are bound to frontdesks.");
    frontdeskIds = [];
  }

  const changes: Partial<Pick<UserRow, "name" | "role" | "disabledAt">> = {};
  if (patch.name !== undefined && patch.name !== user.name) changes.name = patch.name;
  if (role !== user.role) changes.role = role;
  if (patch.disabled === true && user.disabledAt === null) changes.disabledAt = now;
  if (patch.disabled === false && user.disabledAt !== null) changes.disabledAt = null;
  const frontdesksChanged = frontdeskIds.slice().sort().join() !== current.slice().sort().join();

  const statements: WriteStatement[] = [];
  if (Object.keys(changes).length > 0) statements.push(updateUserStatement(scope.db, user.id, changes));
  if (frontdesksChanged) statements.push(...replaceUserFrontdesksStatements(scope.db, user.id, scope.region.id, frontdeskIds));
  if (changes.disabledAt) statements.push(deleteUserSessionsStatement(scope.db, user.id));
  if (statements.length > 0) {
    const detail: Record<string, unknown> = {};
    if (changes.name !== undefined) detail.name = "changed";
    if (changes.role) detail.role = { from: user.role, to: changes.role };
    if (frontdesksChanged) detail.frontdeskIds = frontdeskIds;
    if (changes.disabledAt !== undefined) detail.disabled = changes.disabledAt !== null;
    const action = changes.disabledAt ? "account.disabled" : changes.disabledAt === null ? "account.enabled" : "account.changed";
    statements.push(auditStatement(scope.db, scope.region.id, actor, action, { type: "user", id: user.id }, detail, now));
    await writeBatch(scope.db, statements);
  }
  return toAccountDto({ ...user, ...changes }, scope.region.slug, frontdeskIds);
}

/** Sends a fresh invitation to an account that has not set a password yet. */
export async function resendInvitation(scope: RegionScope, actor: Actor, id: string, origin: string, now: number): Promise<void> {
  const user = await findRegionUser(scope, id);
  if (!user) throw notFound("This account");
  assertMayManageAccount(actor, user);
  if (user.passwordHash !== null || user.disabledAt !== null) throw new DomainError("conflict", "This account already has a password or is disabled.");
  await writeBatch(scope.db, [
    spendUserTokensStatement(user.id, "invitation", now),
    ...(await tokenMail(scope.db, user, scope.region, "invitation", origin, now)),
    auditStatement(scope.db, scope.region.id, actor, "account.invitation_resent", { type: "user", id: user.id }, {}, now),
  ]);
}

/**
 * Sets a password with a one-time token (accepting an invitation or confirming a reset).
 * The token is spent in the same transaction; all sessions of the user end.
 */
export async function setPasswordWithToken(db: Db, purpose: AccountTokenPurpose, token: string, password: string, now: number): Promise<void> {
  const tokenHash = await sha256Hex(token);
  const [found, regions] = await Promise.all([findAccountToken(db, tokenHash, purpose), listRegions(db)]);
  const invalid = () =>
    new DomainError("validation_failed", "This link is not valid any more. Ask for a new one.", [
      { path: "token", message: "This link is not valid any more. Ask for a new one." },
    ]);
  if (!found || found.token.usedAt !== null || found.token.expiresAt <= now || found.user.disabledAt !== null) throw invalid();
  // A reset may not set the password the account has now (the "previous" one after the reset).
  const problem = await passwordProblem(password, {
    email: found.user.email,
    name: found.user.name,
    regions,
    currentPasswordHash: found.user.passwordHash,
  });
  if (problem) throw new PasswordRefused("password", problem.code);
  const hash = await hashPassword(password);
  const results = await writeBatch(db, [
    setPasswordWithTokenStatement(found.user.id, hash, tokenHash, now),
    spendUserTokensStatement(found.user.id, purpose, now),
    deleteUserSessionsStatement(db, found.user.id),
    auditStatement(
      db,
      found.user.regionId,
      { id: found.user.id },
      purpose === "invitation" ? "account.invitation_accepted" : "account.password_reset",
      { type: "user", id: found.user.id },
      {},
      now,
    ),
  ]);
  // The password update is guarded by the token inside the transaction; 0 rows = lost a race.
  if (results[0]?.rowsAffected !== 1) throw invalid();
}

/**
 * Asks for a password-reset link. Limited per client address (429); per e-mail address at
 * most a few mails an hour, past which nothing is sent. Otherwise the answer never changes:
 * the caller always says the same, whether or not the address has an active account.
 * @example await requestPasswordReset(db, email, { origin, now, limits: requestLimits(c) }); deliverSoon(c);
 */
export async function requestPasswordReset(db: Db, email: string, opts: { origin: string; now: number; limits: Limits }): Promise<void> {
  await opts.limits.perClient("resetPerIp");
  if (!(await opts.limits.within("resetPerEmail", await emailKey(email)))) return;
  await startPasswordReset(db, email, opts.origin, opts.now);
}

/** Mails a reset link when the address belongs to an active account; does nothing visible otherwise. */
async function startPasswordReset(db: Db, email: string, origin: string, now: number): Promise<void> {
  const user = await findUserByEmailAddress(db, email);
  if (!user || user.disabledAt !== null) {
    // Roughly the same work as the other branch, so timing says little.
    await sha256Hex(newToken(32));
    return;
  }
  const region = user.regionId ? await findRegionById(db, user.regionId) : null;
  await writeBatch(db, [
    ...(await tokenMail(db, user, region, "password_reset", origin, now)),
    auditStatement(db, user.regionId, null, "account.password_reset_requested", { type: "user", id: user.id }, {}, now),
  ]);
}

/** A signed-in user changes their own password; every other session of theirs ends. */
export async function changePassword(db: Db, actor: Actor, currentPassword: string, newPassword: string, now: number): Promise<void> {
  const [user, regions] = await Promise.all([findUserByEmailAddress(db, actor.email), listRegions(db)]);
  if (!user?.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw issue("currentPassword", "The current password is not correct.");
  }
  if (newPassword === currentPassword) throw new PasswordRefused("newPassword", "same");
  const problem = await passwordProblem(newPassword, { email: user.email, name: user.name, regions });
  if (problem) throw new PasswordRefused("newPassword", problem.code);
  await writeBatch(db, [
    updateUserStatement(db, user.id, { passwordHash: await hashPassword(newPassword) }),
    {
      sql: "delete from sessions where user_id = ? and id_hash <> ?",
      args: [user.id, actor.sessionIdHash],
    },
    auditStatement(db, user.regionId, actor, "account.password_changed", { type: "user", id: user.id }, {}, now),
  ]);
}

export interface NewRegionInput {
  slug: string;
  name: string;
  operator: string;
  municipalities: { cbsCode: string; name: string }[];
}

/** Creates a tenant (platform admin). Adding a region is data, never code. */
export async function createRegion(
  db: Db,
  actor: Actor,
  input: NewRegionInput,
  now: number,
): Promise<{ slug: string; name: string; operator: string; municipalities: { cbsCode: string; name: string }[] }> {
  const names = new Set(input.municipalities.map((m) => m.name.toLowerCase()));
  if (names.size !== input.municipalities.length) throw issue("municipalities", "Name each municipality once.");
  const id = newId();
  await writeBatch(db, [
    ...insertRegionStatements(db, { id, slug: input.slug, name: input.name, operator: input.operator, now }, input.municipalities),
    auditStatement(db, id, actor, "region.created", { type: "region", id }, { slug: input.slug }, now),
  ]);
  return { slug: input.slug, name: input.name, operator: input.operator, municipalities: input.municipalities };
}

/**
 * The platform admin's overview: every region with its region admins (state, no password
 * hash), in one statement.
 * @example const regions = await readRegionsWithAdmins(db);
 */
export async function readRegionsWithAdmins(db: Db) {
  const rows = await regionsWithAdminsQuery(db);
  const regions = new Map<
    string,
    { slug: string; name: string; admins: Array<{ id: string; name: string; email: string; disabled: boolean; hasPassword: boolean }> }
  >();
  for (const r of rows) {
    const region = regions.get(r.regionSlug) ?? { slug: r.regionSlug, name: r.regionName, admins: [] };
    regions.set(r.regionSlug, region);
    if (r.id && r.name && r.email)
      region.admins.push({ id: r.id, name: r.name, email: r.email, disabled: r.disabledAt !== null, hasPassword: r.passwordHash !== null });
  }
  return [...regions.values()];
}
