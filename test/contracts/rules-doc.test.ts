// docs/rules.md maps rule ID -> code -> tests; this keeps it complete and current.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rulesDoc } from "../../scripts/rules-doc.js";

describe("docs/rules.md", () => {
  it("every rule the code cites has a test whose name starts with that rule ID", () => {
    expect(rulesDoc().untested).toEqual([]);
  });

  it("is current (regenerate with npm run rules:doc)", () => {
    const committed = readFileSync(join(import.meta.dirname, "../../docs/rules.md"), "utf8");
    expect(committed).toBe(rulesDoc().text);
  });
});
