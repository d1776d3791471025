import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { answerProblems } from "../../src/http/answer-check";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8" } });
const documented = {
  200: { description: "The thing", schema: v.object({ thing: v.object({ id: v.string(), count: v.number() }) }) },
  404: { description: "Unknown" },
};

describe("answers checked against their documented schema", () => {
  it("should accept an answer that matches its schema", async () => {
    expect(await answerProblems(json({ thing: { id: "a", count: 1 } }), documented)).toEqual([]);
  });

  it("should name a field of the wrong type and a field the schema does not document", async () => {
    expect(await answerProblems(json({ thing: { id: "a", count: "1" } }), documented)).toEqual([expect.stringMatching(/^200: thing\.count: /)]);
    expect(await answerProblems(json({ thing: { id: "a", count: 1, secret: "x" } }), documented)).toEqual(["200: thing.secret: not documented"]);
  });

  it("should refuse a success status or a body that is not documented, and leave error answers to the error contract", async () => {
    expect(await answerProblems(json({ thing: { id: "a", count: 1 } }, 201), documented)).toEqual(["201: this status is not documented"]);
    expect(await answerProblems(json({ any: 1 }, 200), { 200: { description: "No body promised" } })).toEqual([
      "200: a body is sent but no schema is documented",
    ]);
    expect(await answerProblems(new Response(null, { status: 204 }), { 204: { description: "Done" } })).toEqual([]);
    expect(await answerProblems(json({ error: { code: "not_found", message: "x" } }, 404), documented)).toEqual([]);
  });

  it("should check the content type of a documented download", async () => {
    const csv = { 200: { description: "CSV", contentType: "text/csv; charset=utf-8" } };
    expect(await answerProblems(new Response("a;b", { headers: { "content-type": "text/csv; charset=utf-8" } }), csv)).toEqual([]);
    expect(await answerProblems(json({ a: 1 }), csv)).toEqual([expect.stringMatching(/content-type application\/json/)]);
  });
});
