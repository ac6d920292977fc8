import type { Message } from "../../core/index.js";
import { contentText } from "../../core/index.js";

/**
 * Text prefixes that mark a failed tool call: verl's tool agent loop ("Error when executing tool:
 * ...") and the common "Error:" / "ERROR:" forms.
 */
export const defaultErrorPrefixes: readonly string[] = ["Error when executing tool", "Error:", "ERROR:"];

/** A Python dict's text (single-quoted keys), as `str(dict)` writes it. */
const pythonDict = /^\{\s*'/;

/** TRL writes a failed call's result as `str({"error": ...})`, a Python dict with single quotes. */
const pythonErrorDict =
  /^\{\s*['"]error['"]\s*:(?!\s*(?:None|null|False|false)\b|\s*(?:''|""|\[\]|\{\}|[,}]))/;

function present(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

function describe(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Why a `tool` message reports a failure, or undefined when it reports success. A result failed
 * when: the message has a non-empty `error` field, `is_error: true` or `status: "error"`; or its
 * content is a JSON object with a non-empty `error` key, or TRL's Python dict form
 * `{'error': '...'}`; or its content starts with one of `prefixes`.
 */
export function toolResultError(message: Message, prefixes: readonly string[]): string | undefined {
  if (present(message.error)) return describe(message.error);
  if (message.is_error === true) return "is_error: true";
  if (message.status === "error") return 'status: "error"';
  const text = contentText(message.content).trim();
  // Only an object that mentions an `error` key can report one: most results skip the parse.
  if (text.startsWith("{") && text.includes("error")) {
    if (pythonDict.test(text)) return pythonErrorDict.test(text) ? text.slice(0, 200) : undefined;
    try {
      const parsed = JSON.parse(text) as unknown;
      if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
        const error = (parsed as Record<string, unknown>).error;
        if (present(error)) return describe(error);
        return undefined;
      }
    } catch {
      // Not JSON (and not TRL's error dict): judged by its prefix below.
    }
  }
  for (const prefix of prefixes) if (prefix !== "" && text.startsWith(prefix)) return text.slice(0, 200);
  return undefined;
}
