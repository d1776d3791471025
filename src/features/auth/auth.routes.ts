import { defineEndpoint } from "../../http/endpoint";
import { DomainError } from "../../lib/errors";
import { ANY_ROLE, PUBLIC, rolesAccess } from "./policy";
import { loadActor, setSessionCookie, signIn, signOut, toUserDto } from "./auth.service";
import { assertSameOriginIfPresent } from "../../http/access";
import { LoginBody, UserAnswer } from "./auth.schemas";

export const authEndpoints = [
  defineEndpoint({
    method: "post",
    path: "/auth/login",
    tag: "Auth",
    summary: "Sign in; sets the session cookie",
    access: PUBLIC,
    body: LoginBody,
    responses: {
      200: { description: "Signed in", schema: UserAnswer },
      400: { description: "Invalid input" },
      401: { description: "Wrong e-mail or password" },
      429: { description: "Too many attempts" },
    },
    handler: async (c, { body }) => {
      assertSameOriginIfPresent(c);
      const { token, actor } = await signIn(c, body.email, body.password);
      setSessionCookie(c, token);
      c.set("actor", actor);
      return c.json({ user: toUserDto(actor) });
    },
  }),
  defineEndpoint({
    method: "post",
    path: "/auth/logout",
    tag: "Auth",
    summary: "Sign out; ends the session server-side",
    access: rolesAccess(...ANY_ROLE),
    responses: { 204: { description: "Signed out" }, 401: { description: "Not signed in" } },
    handler: async (c) => {
      await signOut(c);
      return c.body(null, 204);
    },
  }),
  defineEndpoint({
    method: "get",
    path: "/auth/me",
    tag: "Auth",
    summary: "The signed-in user",
    access: PUBLIC,
    responses: { 200: { description: "The user", schema: UserAnswer }, 401: { description: "Not signed in" } },
    handler: async (c) => {
      const actor = await loadActor(c);
      if (!actor) throw new DomainError("unauthenticated", "You are not signed in.");
      return c.json({ user: toUserDto(actor) });
    },
  }),
];
