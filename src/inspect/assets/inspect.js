// The inspector's page: vanilla JavaScript over the JSON API of src/inspect/inspect-routes.ts, with
// uPlot (served from the package) for the charts. Every figure comes from the server; rows come a
// page at a time. Text from rows is only ever set as textContent, never parsed as HTML.

const state = {
  info: null,
  run: undefined,
  summary: null,
  rowOffset: 0,
  rowLimit: 50,
  groupKind: "all",
  groupOffset: 0,
  groupLimit: 25,
  filters: {},
  charts: [],
  openFlag: null,
  refreshes: 0,
};

const palette = ["#3b6fb6", "#e07b39", "#3a9a5b", "#c2413b", "#7e5bb5", "#8c6d31", "#d15f9e", "#5f6b7a"];

/** Creates an element: attributes (class, data-*, on*) and children (nodes or text). */
function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (name === "class") node.className = value;
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Number.POSITIVE_INFINITY)) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function byId(id) {
  return document.getElementById(id);
}

/** A number as the page prints it: fixed decimals for figures, "—" for unknown (never 0). */
function fixed(value, digits = 4) {
  return value === null || value === undefined ? "—" : Number(value).toFixed(digits);
}

function short(value) {
  if (value === null || value === undefined) return "—";
  if (Number.isInteger(value)) return String(value);
  return String(Number(Number(value).toPrecision(4)));
}

function query(params) {
  const search = new URLSearchParams();
  const all = state.run === undefined ? params : { run: state.run, ...params };
  for (const [name, value] of Object.entries(all)) {
    if (value !== undefined && value !== null && value !== "") search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

async function api(path, params = {}) {
  const response = await fetch(`api/${path}${query(params)}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body?.error?.message || `${response.status}`);
  return body;
}

function table(id, head, rows) {
  const node = byId(id);
  node.replaceChildren(
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        head.map((cell) => el("th", { class: cell.number ? "number" : null }, cell.label ?? cell)),
      ),
    ),
    el("tbody", {}, rows),
  );
  return node;
}

function card(name, value, id) {
  return el(
    "div",
    { class: "card", id },
    el("div", { class: "value" }, value),
    el("div", { class: "name" }, name),
  );
}

function destroyCharts() {
  for (const chart of state.charts) chart.destroy();
  state.charts = [];
}

function chartWidth(container) {
  return Math.max(280, Math.min(container.clientWidth || 360, 1300) - 12);
}

/** A uPlot chart in `container`; kept so the next refresh can destroy it. */
function plot(container, options, data) {
  const chart = new uPlot({ width: chartWidth(container), height: 220, ...options }, data, container);
  state.charts.push(chart);
  return chart;
}

// ---------- summary ----------

function renderSummary(summary) {
  destroyCharts();
  const errored = summary.errors.reduce((total, error) => total + error.count, 0);
  byId("label").textContent = summary.label;
  byId("cards").replaceChildren(
    card("rows", summary.rows, "stat-rows"),
    card("rows without error", summary.scored, "stat-scored"),
    card("rows with an error", errored, "stat-errored"),
    card("lines left out", summary.unreadable.count, "stat-unreadable"),
    card("groups", summary.groups.groups, "stat-groups"),
  );
  renderUnreadable(summary.unreadable);
  renderComponents(summary);
  renderDistributions(summary);
  renderSteps(summary.steps);
  renderGroupCounts(summary.groups);
  renderErrors(summary.errors);
  renderFilterOptions(summary);
}

function renderUnreadable(unreadable) {
  const node = byId("unreadable");
  if (unreadable.count === 0) {
    node.replaceChildren();
    return;
  }
  node.replaceChildren(
    el("h3", { class: "bad" }, `${unreadable.count} lines left out (unreadable, or no numeric reward)`),
    el(
      "ul",
      {},
      unreadable.lines.slice(0, 20).map((line) => el("li", {}, `line ${line.line}: ${line.message}`)),
    ),
  );
}

function renderComponents(summary) {
  const excluded = summary.rows - summary.scored;
  byId("components-note").textContent =
    excluded > 0
      ? `Figures over rows without an error; ${excluded} rows with an error (their score is on_error) are left out. std is the population std.`
      : "Figures over every row. std is the population std.";
  table(
    "components",
    [
      "component",
      { label: "rows", number: true },
      { label: "mean", number: true },
      { label: "std", number: true },
      { label: "min", number: true },
      { label: "max", number: true },
    ],
    summary.components.map((figures) =>
      el(
        "tr",
        { "data-component": figures.name },
        el("td", {}, figures.name),
        el("td", { class: "number", "data-stat": "count" }, figures.count),
        el("td", { class: "number", "data-stat": "mean" }, fixed(figures.mean)),
        el("td", { class: "number", "data-stat": "std" }, fixed(figures.std)),
        el("td", { class: "number", "data-stat": "min" }, fixed(figures.min)),
        el("td", { class: "number", "data-stat": "max" }, fixed(figures.max)),
      ),
    ),
  );
}

function binLabel(bin, discrete) {
  return discrete ? short(bin.value ?? bin.low) : `[${short(bin.low)}, ${short(bin.high)})`;
}

function renderDistributions(summary) {
  const container = byId("distributions");
  container.replaceChildren();
  summary.components.forEach((figures, index) => {
    const { bins, discrete } = figures.histogram;
    const box = el("div", { class: "chart", "data-histogram": figures.name }, el("h3", {}, figures.name));
    container.append(box);
    if (bins.length === 0) {
      box.append(el("p", { class: "muted" }, "no values"));
      return;
    }
    const labels = bins.map((bin) => binLabel(bin, discrete));
    const xs = bins.map((_, position) => position);
    const holder = el("div");
    box.append(holder);
    plot(
      holder,
      {
        height: 200,
        legend: { show: true },
        scales: {
          x: { time: false, range: [-0.6, bins.length - 0.4] },
          y: { range: (_u, _min, max) => [0, max * 1.1 || 1] },
        },
        axes: [
          {
            values: (_u, splits) =>
              splits.map((split) => (Number.isInteger(split) ? (labels[split] ?? "") : "")),
            space: 44,
            incrs: [1, 2, 5, 10, 20, 50],
          },
          { label: "rows", size: 48 },
        ],
        series: [
          { label: "bin", value: (_u, value) => (value === null ? "" : (labels[value] ?? "")) },
          {
            label: "rows",
            fill: `${palette[index % palette.length]}cc`,
            stroke: palette[index % palette.length],
            paths: uPlot.paths.bars({ size: [0.9, 80] }),
            points: { show: false },
          },
        ],
      },
      [xs, bins.map((bin) => bin.count)],
    );
    box.append(
      el(
        "details",
        { class: "bins" },
        el("summary", {}, `${bins.length} ${discrete ? "values" : "bins"} (counts)`),
        el(
          "table",
          {},
          el(
            "tbody",
            {},
            bins.map((bin, position) =>
              el(
                "tr",
                { "data-bin": position },
                el("td", {}, labels[position]),
                el("td", { class: "number count" }, bin.count),
              ),
            ),
          ),
        ),
      ),
    );
  });
}

function renderSteps(steps) {
  const container = byId("steps");
  container.replaceChildren();
  if (!steps) {
    container.append(
      el("p", { class: "muted" }, "No row has a step: the rows are not from a training run over steps."),
    );
    return;
  }
  const names = Object.keys(steps.series).filter((name) => name !== "advantage");
  container.append(
    el(
      "p",
      { class: "muted" },
      `Mean per step over rows without an error${steps.bin_size > 1 ? `; ${steps.bin_size} steps a point` : ""}; ${steps.steps.length} points.`,
    ),
  );
  const holder = el("div", { class: "chart", id: "steps-chart" });
  container.append(holder);
  plot(
    holder,
    {
      height: 280,
      scales: { x: { time: false } },
      axes: [{ label: "step" }, { label: "mean", size: 56 }],
      series: [
        { label: "step" },
        ...names.map((name, index) => ({
          label: name,
          stroke: palette[index % palette.length],
          width: name === "reward" ? 2.5 : 1.5,
          spanGaps: true,
        })),
      ],
    },
    [steps.steps, ...names.map((name) => steps.series[name])],
  );
}

function renderGroupCounts(groups) {
  byId("group-counts").replaceChildren(
    card("groups", groups.groups, "stat-group-count"),
    card("singletons", groups.singleton_groups),
    card("zero reward std (no GRPO gradient)", groups.zero_std_groups, "stat-zero-std"),
    card(`all correct (every reward ≥ ${groups.correct_at})`, groups.all_correct_groups, "stat-all-correct"),
    card("all wrong", groups.all_wrong_groups),
  );
}

function renderErrors(errors) {
  if (errors.length === 0) {
    byId("errors").replaceChildren(el("tbody", {}, el("tr", {}, el("td", { class: "ok" }, "No errors."))));
    return;
  }
  table(
    "errors",
    ["code", { label: "rows", number: true }, "examples"],
    errors.map((error) =>
      el(
        "tr",
        { class: "clickable", "data-error": error.code, onclick: () => setFilters({ error: error.code }) },
        el("td", {}, error.code),
        el("td", { class: "number" }, error.count),
        el("td", {}, error.examples.join(" | ")),
      ),
    ),
  );
}

function options(select, entries, selected) {
  select.replaceChildren(
    ...entries.map(([value, label]) => el("option", { value, selected: value === selected }, label)),
  );
}

function renderFilterOptions(summary) {
  const filters = state.filters;
  options(
    byId("filter-component"),
    [["", "component…"], ...summary.components.map((figures) => [figures.name, figures.name])],
    filters.component ?? "",
  );
  options(
    byId("filter-error"),
    [
      ["", "any error state"],
      ["none", "no error"],
      ["any", "some error"],
      ...summary.errors.map((error) => [error.code, `${error.code} (${error.count})`]),
    ],
    filters.error ?? "",
  );
  options(
    byId("filter-flag"),
    [["", "any flag"], ...Object.entries(summary.flags).map(([flag, count]) => [flag, `${flag} (${count})`])],
    filters.flag ?? "",
  );
}

// ---------- flags ----------

async function loadFlags() {
  const node = byId("flags");
  let body;
  try {
    body = await api("diagnostics");
  } catch (error) {
    node.replaceChildren(el("p", { class: "muted" }, `No flags: ${error.message}`));
    return;
  }
  const report = body.report;
  if (!report) {
    node.replaceChildren(
      el(
        "p",
        { class: "muted" },
        "No row has a training step, so no flag can be computed (the flags read changes over steps).",
      ),
    );
    return;
  }
  const order = { fired: 0, quiet: 1, insufficient_data: 2, not_applicable: 3 };
  const flags = [...report.flags].sort((a, b) => order[a.status] - order[b.status]);
  node.replaceChildren(
    el(
      "p",
      { class: "muted", id: "flags-summary" },
      `${report.fired.length} of ${report.flags.length} flags fired over ${report.steps} steps (${report.rows} rows).`,
    ),
    el(
      "table",
      { id: "flag-table" },
      el(
        "thead",
        {},
        el(
          "tr",
          {},
          el("th", {}, "flag"),
          el("th", {}, "status"),
          el("th", {}, "since step"),
          el("th", {}, "what the evidence says"),
        ),
      ),
      el(
        "tbody",
        {},
        flags.map((flag) => [
          el(
            "tr",
            {
              class: "clickable",
              "data-flag": flag.name,
              "data-status": flag.status,
              onclick: () => toggleFlag(flag.name),
            },
            el("td", {}, flag.name),
            el("td", {}, el("span", { class: `badge ${flag.status}` }, flag.status.replace("_", " "))),
            el("td", { class: "number" }, flag.fired && flag.first_step !== null ? flag.first_step : ""),
            el("td", {}, flag.summary),
          ),
          state.openFlag === flag.name || (state.openFlag === null && flag.fired)
            ? el("tr", {}, el("td", { colspan: 4 }, evidence(flag)))
            : null,
        ]),
      ),
    ),
  );
}

function toggleFlag(name) {
  state.openFlag = state.openFlag === name ? "" : name;
  void loadFlags();
}

function evidence(flag) {
  const box = el("div", { class: "evidence", "data-evidence": flag.name });
  const names = Object.keys(flag.evidence.series);
  const tests = Object.entries(flag.evidence.tests);
  if (tests.length > 0) {
    box.append(
      el(
        "table",
        {},
        el(
          "tbody",
          {},
          tests.map(([name, test]) =>
            el(
              "tr",
              {},
              el("td", {}, name),
              el(
                "td",
                {},
                `${test.direction}: τ ${short(test.tau)}, p ${short(test.p)}, ${short(test.early_mean)} → ${short(test.late_mean)} (noise ${short(test.noise)})${test.holds ? " — holds" : ""}`,
              ),
            ),
          ),
        ),
      ),
    );
  }
  if (flag.evidence.steps.length > 1 && names.length > 0) {
    const holder = el("div");
    box.append(holder);
    // Drawn once the box is in the page (uPlot measures nothing, but the width comes from the page).
    requestAnimationFrame(() =>
      plot(
        holder,
        {
          width: Math.min(900, chartWidth(byId("flags"))),
          height: 200,
          scales: { x: { time: false } },
          axes: [{ label: "step" }, {}],
          series: [
            { label: "step" },
            ...names.map((name, index) => ({
              label: name,
              stroke: palette[index % palette.length],
              spanGaps: true,
            })),
          ],
        },
        [flag.evidence.steps, ...names.map((name) => flag.evidence.series[name])],
      ),
    );
  }
  for (const example of flag.evidence.examples ?? []) {
    box.append(
      el(
        "pre",
        { class: "text" },
        `step ${example.step}, reward ${short(example.reward)} [${example.signals.join(", ")}]\n${example.completion.slice(0, 400)}`,
      ),
    );
  }
  return box;
}

// ---------- groups ----------

async function loadGroups() {
  let page;
  try {
    page = await api("groups", { kind: state.groupKind, offset: state.groupOffset, limit: state.groupLimit });
  } catch (error) {
    byId("groups").replaceChildren(
      el("tbody", {}, el("tr", {}, el("td", { class: "muted" }, error.message))),
    );
    return;
  }
  byId("group-total").textContent =
    `${page.total} groups${page.total > state.groupLimit ? `, ${state.groupOffset + 1}–${Math.min(page.total, state.groupOffset + state.groupLimit)} shown` : ""}`;
  byId("group-prev").disabled = state.groupOffset === 0;
  byId("group-next").disabled = state.groupOffset + state.groupLimit >= page.total;
  table(
    "groups",
    [
      "group",
      { label: "rows", number: true },
      { label: "reward mean", number: true },
      { label: "reward std", number: true },
      "advantages",
      "",
    ],
    page.groups.map((group) =>
      el(
        "tr",
        { class: "clickable", "data-group": group.group, onclick: () => setFilters({ group: group.group }) },
        el("td", {}, group.group),
        el("td", { class: "number" }, group.size),
        el("td", { class: "number" }, fixed(group.reward_mean)),
        el("td", { class: "number" }, fixed(group.reward_std)),
        el("td", {}, group.advantages.map(short).join("  ")),
        el(
          "td",
          {},
          group.zero_std ? el("span", { class: "badge" }, "zero std") : null,
          group.all_correct ? el("span", { class: "badge" }, "all correct") : null,
          group.all_wrong ? el("span", { class: "badge" }, "all wrong") : null,
        ),
      ),
    ),
  );
}

// ---------- rows ----------

function setFilters(filters) {
  state.filters = filters;
  state.rowOffset = 0;
  byId("filter-q").value = filters.q ?? "";
  byId("filter-component").value = filters.component ?? "";
  byId("filter-min").value = filters.min ?? "";
  byId("filter-max").value = filters.max ?? "";
  byId("filter-error").value = filters.error ?? "";
  byId("filter-group").value = filters.group ?? "";
  byId("filter-flag").value = filters.flag ?? "";
  void loadRows();
  byId("rows-section").scrollIntoView();
}

function readFilters() {
  const filters = {
    q: byId("filter-q").value.trim(),
    component: byId("filter-component").value,
    min: byId("filter-min").value,
    max: byId("filter-max").value,
    error: byId("filter-error").value,
    group: byId("filter-group").value.trim(),
    flag: byId("filter-flag").value,
  };
  if ((filters.min !== "" || filters.max !== "") && filters.component === "") filters.component = "reward";
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ""));
}

async function loadRows() {
  let page;
  try {
    page = await api("rows", { ...state.filters, offset: state.rowOffset, limit: state.rowLimit });
  } catch (error) {
    byId("row-total").textContent = error.message;
    byId("rows").replaceChildren();
    return;
  }
  const names = (state.summary?.components ?? [])
    .map((figures) => figures.name)
    .filter((name) => name !== "reward" && name !== "advantage")
    .slice(0, 6);
  const filtered = Object.keys(state.filters).length > 0;
  byId("row-total").textContent = `${page.total} rows ${filtered ? "match" : "in all"}`;
  byId("row-total").dataset.total = String(page.total);
  byId("row-page").textContent =
    page.total > 0 ? `${page.offset + 1}–${page.offset + page.rows.length} of ${page.total}` : "";
  byId("row-prev").disabled = page.offset === 0;
  byId("row-next").disabled = page.offset + page.limit >= page.total;
  table(
    "rows",
    [
      "line",
      "id",
      "group",
      "step",
      { label: "reward", number: true },
      ...names.map((name) => ({ label: name, number: true })),
      { label: "advantage", number: true },
      "error",
      "flags",
      "completion",
    ],
    page.rows.map((row) =>
      el(
        "tr",
        {
          class: "clickable",
          "data-index": row.index,
          "data-line": row.line,
          onclick: () => openDetail(row.index),
        },
        el("td", { class: "number" }, row.line),
        el("td", {}, row.id ?? ""),
        el("td", {}, row.group ?? ""),
        el("td", { class: "number" }, row.step ?? ""),
        el("td", { class: "number", "data-field": "reward" }, short(row.reward)),
        names.map((name) => el("td", { class: "number", "data-field": name }, short(row.components[name]))),
        el("td", { class: "number" }, short(row.advantage)),
        el("td", {}, row.error ? el("span", { class: "badge error" }, row.error) : ""),
        el(
          "td",
          {},
          row.flags.filter((flag) => flag !== "error").map((flag) => el("span", { class: "badge" }, flag)),
        ),
        el("td", { class: "snippet", title: row.completion }, row.completion),
      ),
    ),
  );
}

// ---------- detail ----------

/** Text of one message's content: a string, or content parts (text parts as text, others named). */
function contentText(content) {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part.text === "string" ? part.text : `[${part?.type ?? "part"}]`))
      .join("\n");
  }
  return content === undefined || content === null ? "" : JSON.stringify(content, null, 2);
}

/** A prompt or completion: a chat when it is a list of messages, else its text. */
function conversation(value) {
  if (
    Array.isArray(value) &&
    value.every((message) => message && typeof message === "object" && "role" in message)
  ) {
    return el(
      "div",
      { class: "chat" },
      value.map((message) =>
        el(
          "div",
          { class: "message", "data-role": String(message.role) },
          el("span", { class: "role" }, message.name ? `${message.role} (${message.name})` : message.role),
          contentText(message.content),
          message.tool_calls
            ? el("pre", { class: "text" }, JSON.stringify(message.tool_calls, null, 2))
            : null,
        ),
      ),
    );
  }
  return el("pre", { class: "text" }, typeof value === "string" ? value : JSON.stringify(value, null, 2));
}

async function openDetail(index) {
  let row;
  try {
    row = await api(`rows/${index}`);
  } catch (error) {
    byId("detail-body").replaceChildren(el("p", { class: "bad" }, error.message));
    byId("detail").hidden = false;
    return;
  }
  const facts = [
    ["line", row.line],
    ["id", row.id],
    ["group", row.group],
    ["step", row.step],
    ["reward", short(row.reward)],
    ["advantage", row.advantage === undefined ? undefined : short(row.advantage)],
  ].filter(([, value]) => value !== undefined);
  byId("detail-body").replaceChildren(
    ...[
      el("h2", {}, `Row ${row.id ?? `at line ${row.line}`}`),
      el(
        "table",
        {},
        el(
          "tbody",
          {},
          facts.map(([name, value]) =>
            el("tr", {}, el("th", {}, name), el("td", { "data-fact": name }, value)),
          ),
        ),
      ),
      row.flags.length > 0
        ? el(
            "p",
            {},
            row.flags.map((flag) => el("span", { class: "badge" }, flag)),
          )
        : null,
      row.error
        ? el(
            "p",
            { class: "bad", id: "detail-error" },
            `${row.error.code}${row.error.node ? ` in ${row.error.node}` : ""}: ${row.error.message}`,
          )
        : null,
      el("h3", {}, "Components"),
      el(
        "table",
        { id: "detail-components" },
        el(
          "tbody",
          {},
          Object.entries(row.components).map(([name, value]) =>
            el("tr", {}, el("td", {}, name), el("td", { class: "number" }, short(value))),
          ),
        ),
      ),
      row.reason
        ? [el("h3", {}, "Reason"), el("pre", { class: "text", id: "detail-reason" }, row.reason)]
        : null,
      el("h3", {}, "Prompt"),
      el("div", { id: "detail-prompt" }, conversation(row.prompt)),
      el("h3", {}, "Completion"),
      el("div", { id: "detail-completion" }, conversation(row.completion)),
      row.neighbours.length > 0
        ? [
            el("h3", {}, `Neighbours in group ${row.group}`),
            el(
              "table",
              { id: "detail-neighbours" },
              el(
                "thead",
                {},
                el(
                  "tr",
                  {},
                  el("th", {}, "line"),
                  el("th", { class: "number" }, "reward"),
                  el("th", { class: "number" }, "advantage"),
                  el("th", {}, "completion"),
                ),
              ),
              el(
                "tbody",
                {},
                row.neighbours.map((other) =>
                  el(
                    "tr",
                    { class: "clickable", "data-index": other.index, onclick: () => openDetail(other.index) },
                    el("td", { class: "number" }, other.line),
                    el("td", { class: "number" }, short(other.reward)),
                    el("td", { class: "number" }, short(other.advantage)),
                    el("td", { class: "snippet" }, other.completion),
                  ),
                ),
              ),
            ),
          ]
        : null,
    ]
      .flat()
      .filter((child) => child !== null),
  );
  byId("detail").hidden = false;
}

// ---------- lab ----------

async function loadLab() {
  const { runs } = await api("lab");
  if (runs.length === 0) return;
  byId("lab-section").hidden = false;
  byId("lab-link").hidden = false;
  const container = byId("lab");
  container.replaceChildren();
  for (const run of runs) {
    const holding = run.claims.filter((claim) => claim.holds).length;
    const section = el(
      "div",
      { class: "lab-run", "data-experiment": run.experiment },
      el(
        "h3",
        {},
        `${run.experiment}${run.seed === null ? "" : `, seed ${run.seed}`} — ${holding} of ${run.claims.length} claims hold`,
        el("span", { class: "muted" }, `  ${run.file}`),
      ),
      el(
        "table",
        {},
        el(
          "tbody",
          {},
          run.claims.map((claim) =>
            el(
              "tr",
              { "data-holds": String(claim.holds) },
              el(
                "td",
                {},
                el(
                  "span",
                  { class: `badge ${claim.holds ? "quiet" : "fired"}` },
                  claim.holds ? "holds" : "does not hold",
                ),
              ),
              el("td", {}, claim.claim),
              el(
                "td",
                { class: "muted" },
                Object.entries(claim.evidence)
                  .map(([name, value]) => `${name} ${short(value)}`)
                  .join(", "),
              ),
            ),
          ),
        ),
      ),
    );
    const grid = el("div", { class: "grid" });
    section.append(grid);
    container.append(section);
    for (const curve of run.curves) {
      const points = [...curve.points]
        .filter((point) => typeof point[curve.x.key] === "number")
        .sort((a, b) => a[curve.x.key] - b[curve.x.key]);
      if (points.length < 2) continue;
      const box = el("div", { class: "chart" }, el("h3", {}, curve.method));
      grid.append(box);
      const holder = el("div");
      box.append(holder);
      plot(
        holder,
        {
          height: 200,
          scales: { x: { time: false } },
          axes: [{ label: curve.x.label }, {}],
          series: [
            { label: curve.x.label },
            ...curve.y.map((axis, index) => ({ label: axis.label, stroke: palette[index % palette.length] })),
          ],
        },
        [
          points.map((point) => point[curve.x.key]),
          ...curve.y.map((axis) => points.map((point) => point[axis.key] ?? null)),
        ],
      );
    }
  }
}

// ---------- start and live refresh ----------

async function refresh() {
  if (state.info.kind === "live") {
    state.info = await api("info");
    const runs = state.info.runs;
    if (state.run === undefined && runs.length > 0) state.run = runs[0].run;
    options(
      byId("run-select"),
      runs.map((run) => [run.run, `${run.run} (${run.seen} rows)`]),
      state.run,
    );
    if (runs.length === 0) {
      showProblem("No traffic yet: the page fills in as the server scores requests.");
      return;
    }
  }
  try {
    state.summary = await api("summary");
  } catch (error) {
    showProblem(error.message);
    return;
  }
  showProblem("");
  renderSummary(state.summary);
  await Promise.all([loadRows(), loadGroups(), loadFlags()]);
  state.refreshes++;
  const updated = byId("updated");
  updated.dataset.refreshes = String(state.refreshes);
  if (state.info.kind === "live") updated.textContent = `live · updated ${new Date().toLocaleTimeString()}`;
}

function showProblem(message) {
  const node = byId("problem");
  node.textContent = message;
  node.hidden = message === "";
}

function wire() {
  byId("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    state.filters = readFilters();
    state.rowOffset = 0;
    void loadRows();
  });
  byId("filter-reset").addEventListener("click", () => setFilters({}));
  byId("row-prev").addEventListener("click", () => {
    state.rowOffset = Math.max(0, state.rowOffset - state.rowLimit);
    void loadRows();
  });
  byId("row-next").addEventListener("click", () => {
    state.rowOffset += state.rowLimit;
    void loadRows();
  });
  byId("group-kind").addEventListener("change", (event) => {
    state.groupKind = event.target.value;
    state.groupOffset = 0;
    void loadGroups();
  });
  byId("group-prev").addEventListener("click", () => {
    state.groupOffset = Math.max(0, state.groupOffset - state.groupLimit);
    void loadGroups();
  });
  byId("group-next").addEventListener("click", () => {
    state.groupOffset += state.groupLimit;
    void loadGroups();
  });
  byId("detail-close").addEventListener("click", () => {
    byId("detail").hidden = true;
  });
  byId("run-select").addEventListener("change", (event) => {
    state.run = event.target.value;
    void refresh();
  });
}

async function start() {
  wire();
  state.info = await api("info");
  byId("label").textContent = state.info.label;
  if (state.info.kind === "live") {
    byId("run-picker").hidden = false;
    // Live traffic: poll (the server recomputes only when something arrived).
    setInterval(() => void refresh(), 2000);
  }
  await refresh();
  if (state.info.lab > 0) await loadLab();
  document.body.dataset.ready = "true";
}

void start();
