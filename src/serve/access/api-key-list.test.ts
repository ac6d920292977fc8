import { describe, expect, it } from "vitest";
import { apiKeysFromEnvironment, keyAllowsRun, matchApiKey, parseApiKeys } from "./api-key-list.js";

const long = (letter: string) => letter.repeat(24);

describe("parseApiKeys", () => {
  it("reads bare keys, ID:KEY and ID:KEY:RUN-PREFIXES, with * for every run", () => {
    const { keys, short, secrets } = parseApiKeys(
      ` ${long("a")} , team-b:${long("b")}:team-b/|shared/ ,ops:${long("c")}:*`,
    );
    expect(keys.map((key) => [key.id, key.runPrefixes])).toEqual([
      ["key-1", []],
      ["team-b", ["team-b/", "shared/"]],
      ["ops", []],
    ]);
    expect(short).toEqual([]);
    expect(secrets).toEqual([long("a"), long("b"), long("c")]);
  });

  it("flags short keys and refuses bad entries without quoting the key", () => {
    expect(parseApiKeys("abc").short).toEqual(["key-1"]);
    const secret = "s3cret-value-that-must-not-show";
    const refusals = [
      "",
      " , ",
      `a:${secret}:x:y`,
      `bad id:${secret}`,
      `a:${secret} b`,
      `a:${secret},b:${secret}`,
      `a:${secret},a:${long("z")}`,
      `a:${secret}:team|`,
      `a:${secret}"`,
    ];
    for (const text of refusals) {
      let message = "";
      try {
        parseApiKeys(text);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, text).toMatch(/^--api-key-env: /);
      expect(message).not.toContain(secret);
    }
  });

  it("names the variable when it is missing or empty", () => {
    expect(() => apiKeysFromEnvironment("RK_KEYS", {})).toThrow(
      "--api-key-env RK_KEYS: the variable is not set",
    );
    expect(() => apiKeysFromEnvironment("RK_KEYS", { RK_KEYS: " , " })).toThrow(
      "--api-key-env RK_KEYS: the variable holds no key",
    );
  });
});

describe("matchApiKey and keyAllowsRun", () => {
  const { keys } = parseApiKeys(`a:${long("a")}:team-a/,b:${long("b")}`);

  it("matches exactly the configured keys", () => {
    expect(matchApiKey(keys, long("a"))?.id).toBe("a");
    expect(matchApiKey(keys, long("b"))?.id).toBe("b");
    for (const wrong of [undefined, "", long("a").slice(1), `${long("a")}x`, long("A")])
      expect(matchApiKey(keys, wrong)).toBeUndefined();
  });

  it("binds a key to its run prefixes; an unbound key may use every run", () => {
    const [a, b] = keys as [NonNullable<(typeof keys)[0]>, NonNullable<(typeof keys)[0]>];
    expect(keyAllowsRun(a, "team-a/ppo-1")).toBe(true);
    expect(keyAllowsRun(a, "team-b/ppo-1")).toBe(false);
    expect(keyAllowsRun(a, "default")).toBe(false);
    expect(keyAllowsRun(b, "team-a/ppo-1")).toBe(true);
  });
});
