import { describe, expect, it } from "vitest";
import { redactRedisUrl } from "./redis-connection.js";

describe("redactRedisUrl", () => {
  it("hides the password and any query, keeps what says where", () => {
    expect(redactRedisUrl("redis://127.0.0.1:6379")).toBe("redis://127.0.0.1:6379");
    expect(redactRedisUrl("redis://:s3cret@cache:6380/2")).toBe("redis://:***@cache:6380/2");
    expect(redactRedisUrl("rediss://ops:s3cret@cache:6380?password=other")).toBe(
      "rediss://ops:***@cache:6380",
    );
    expect(redactRedisUrl("redis//s3cret@oops")).toBe("(an unparsable URL)");
  });
});
