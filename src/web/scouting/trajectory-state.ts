/** The trajectory page's state: the candidate, what this user may do, and the form that failed (if any). */
import type { getTrajectory } from "../../features/scouting/scouting.trajectory";
import type { Actor } from "../../lib/context";
import type { Web } from "../kit/context";
import { formFields } from "../kit/fields";
import type { FieldErrors, FormValues } from "../kit/form";

export type Trajectory = Awaited<ReturnType<typeof getTrajectory>>;
/** The trajectory as a consultant or admin sees it (frontdesk staff see no working notes). */
type FullTrajectory = Extract<Trajectory, { commitments: unknown }>;
export type Commitments = FullTrajectory["commitments"];
export type Sessions = FullTrajectory["sessions"];
export type History = FullTrajectory["history"];

/** The forms of the trajectory page. */
export type FormName = "stage" | "go" | "stop" | "commit" | "session" | "assign";

/** A form that came back with errors: its posted values and the errors. */
export interface FailedForm {
  name: FormName;
  values: FormValues;
  errors: FieldErrors;
}

export interface TrajectoryView {
  w: Web;
  c: Trajectory;
  actor: Actor;
  /** The page's address; its forms post below it. */
  url: string;
  /** The region admin (or platform admin) or the trajectory's own consultant. */
  mayAct: boolean;
  isAdmin: boolean;
  failed: FailedForm | null;
}

/** The field components of one form: its posted values and errors when it failed, else `defaults`. */
export function fieldsOf(v: TrajectoryView, form: FormName, defaults: FormValues = {}) {
  const failed = v.failed?.name === form ? v.failed : null;
  return formFields(v.w, failed ? failed.values : defaults, failed ? failed.errors : []);
}
