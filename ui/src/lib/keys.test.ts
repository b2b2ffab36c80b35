import { describe, expect, it } from "vitest";
import { DOC_KINDS, keyOf, OUTCOMES } from "./keys";

describe("the keys the window sends", () => {
  it("takes a select's text as the key it is, and nothing else", () => {
    expect(keyOf(OUTCOMES, "verworpen")).toBe("verworpen");
    expect(keyOf(DOC_KINDS, "schriftelijke-vragen")).toBe("schriftelijke-vragen");
    // The clerks' words and the empty "any" are no keys: the request leaves them out.
    expect(keyOf(OUTCOMES, "aanvaard")).toBeNull();
    expect(keyOf(DOC_KINDS, "rib")).toBeNull();
    expect(keyOf(OUTCOMES, "")).toBeNull();
  });
});
