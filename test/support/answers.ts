/**
 * Reading the Worker's JSON answers with the valibot schemas the endpoints document
 * (`responses[status].schema` in the route declarations), instead of casting them: an answer
 * that drifts from its documentation fails the test with the schema's issues.
 * Used where the documented schema is exported from src; elsewhere tests still read plain JSON.
 */
import * as v from "valibot";
import { BookingResponse, OwnAppointmentDto } from "../../src/features/appointments/appointments.schemas";
import { ERROR_STATUS, type ErrorCode } from "../../src/lib/errors";

/**
 * The JSON body of `response`, parsed with `schema`.
 * @example const booked = await readAnswer(response, BookingResponse);
 */
export async function readAnswer<S extends v.GenericSchema>(response: Response, schema: S): Promise<v.InferOutput<S>> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`answer ${response.status} is not JSON: ${text.slice(0, 200)}`);
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => `${v.getDotPath(i) ?? "(root)"}: ${i.message}`).join("; ");
    throw new Error(`answer ${response.status} does not match its documented schema: ${issues}\n${text.slice(0, 500)}`);
  }
  return parsed.output;
}

/** Every error answer, as the contract (docs/api.md) promises it. */
export const ErrorAnswer = v.object({
  error: v.object({
    code: v.picklist(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
    message: v.pipe(v.string(), v.minLength(1)),
    issues: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
  }),
});

/**
 * The `error` of an error answer.
 * @example expect((await readError(response)).code).toBe("slot_unavailable");
 */
export async function readError(response: Response): Promise<v.InferOutput<typeof ErrorAnswer>["error"]> {
  return (await readAnswer(response, ErrorAnswer)).error;
}

/** The answer to a booking (`POST /regions/:region/appointments`, 201). */
export { BookingResponse };
export type BookingAnswer = v.InferOutput<typeof BookingResponse>;

/** The answer of the manage-link routes (view, cancel, reschedule). */
export const ManagedAppointment = v.object({ appointment: OwnAppointmentDto });
