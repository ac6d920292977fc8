import type { Info } from "../../env/index.js";

const moveCaptions = ["You walk north.", "You walk south.", "You walk west.", "You walk east."];

/**
 * The text caption of a gridworld step, as ONI's NetHack messages (reconstructed: the paper's
 * captions come from NetHack; here every key-door step is captioned). Notable events use the
 * environment's own caption ("You picked up the key."); plain moves and bumps get a sentence too,
 * so the annotator sees many unhelpful captions beside the few helpful ones.
 */
export function stepCaption(info: Info, action: number): string {
  if (typeof info.caption === "string") return info.caption;
  if (info.event === "bumped") return "You bump into a wall.";
  return moveCaptions[action] ?? "You wait.";
}
