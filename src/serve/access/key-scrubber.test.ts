import { describe, expect, it } from "vitest";
import { keyRedactingLoggerOptions, redactedText, scrubKeys } from "./key-scrubber.js";

describe("scrubKeys", () => {
  it("removes each secret and its URL-encoded form, and leaves other text alone", () => {
    const secrets = ["abc+def/ghi=", "second-secret-key"];
    const text = `POST /get_reward?key=abc%2Bdef%2Fghi%3D bearer abc+def/ghi= and second-secret-key twice second-secret-key`;
    const out = scrubKeys(text, secrets);
    for (const secret of secrets) {
      expect(out).not.toContain(secret);
      expect(out).not.toContain(encodeURIComponent(secret));
    }
    expect(out).toBe(
      `POST /get_reward?key=${redactedText} bearer ${redactedText} and ${redactedText} twice ${redactedText}`,
    );
  });

  it("gives pino a line hook only when there are secrets", () => {
    expect(keyRedactingLoggerOptions([]).hooks).toBeUndefined();
    const hook = keyRedactingLoggerOptions(["k-123456789"]).hooks?.streamWrite;
    expect(hook?.('{"msg":"k-123456789"}')).toBe(`{"msg":"${redactedText}"}`);
  });
});
