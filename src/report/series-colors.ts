/** Category colours (d3's category10 with black and light blue added), distinguishable in print. */
export const seriesPalette: readonly string[] = [
  "#1f77b4",
  "#d62728",
  "#2ca02c",
  "#ff7f0e",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#7f7f7f",
  "#bcbd22",
  "#000000",
  "#aec7e8",
];

/**
 * One colour per name for a whole report: the first chart that draws a method fixes its colour and
 * every later chart reuses it, whichever other methods it shows. Create one per report and pass it to
 * each chart. Past the palette, colours repeat with a dash pattern so names stay distinguishable.
 */
export class SeriesColors {
  readonly #assigned = new Map<string, { color: string; dash: string | undefined }>();

  constructor(private readonly palette: readonly string[] = seriesPalette) {}

  /** The colour (and, past the palette, a dash pattern) of a name. */
  style(name: string): { color: string; dash: string | undefined } {
    let style = this.#assigned.get(name);
    if (!style) {
      const index = this.#assigned.size;
      const round = Math.floor(index / this.palette.length);
      style = {
        color: this.palette[index % this.palette.length] as string,
        dash: round === 0 ? undefined : ["9 3", "3 3", "9 3 3 3"][(round - 1) % 3],
      };
      this.#assigned.set(name, style);
    }
    return style;
  }

  /** Names in the order they were given colours. */
  names(): string[] {
    return [...this.#assigned.keys()];
  }
}
