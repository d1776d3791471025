import type { Endpoint } from "../../lib/endpoint";

/** Account management: invitations, password reset, staff administration. */
export const accountEndpoints: Endpoint[] = [];
