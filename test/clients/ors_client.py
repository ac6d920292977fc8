"""An ORS client shaped like the reference SDK's HTTP calls (ors-sdk / openreward, 2026).

Written from the protocol, not from rewardkit: aiohttp, ``X-Session-ID`` and ``X-API-Key`` headers,
``Accept: text/event-stream`` on the streamed routes, the session id from ``/create_session``'s
``task_id`` event, ``/create`` with ``split``/``index``, ``/{env}/task_tools`` falling back to
``/{env}/tools`` on 404, tool calls read from SSE (``task_id``, ``chunk``..., ``end`` or ``error``),
a ``/ping`` every interval while the session is open, and ``/delete`` then ``/delete_session`` on
exit. Error replies are read as the SDK reads them: ``json["detail"]``, else the text.

Input on stdin: {"url", "api_key"?, "grid": env name, "bandit": env name, "gsm8k": env name or null,
"gsm8k_answers": [[index, correct answer], ...]}. Output on stdout: one JSON object of findings.
"""

import asyncio
import json
import sys

import aiohttp


class HttpError(Exception):
    def __init__(self, status, detail):
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail


class ToolCallError(Exception):
    pass


async def raise_for_status(response):
    if response.ok:
        return
    text = await response.text()
    try:
        detail = json.loads(text).get("detail", text)
    except Exception:
        detail = text
    raise HttpError(response.status, detail)


async def parse_sse(response):
    """Yields (event, data) as the SDK's parser does: blank line dispatches, ':' lines are comments."""
    event, data = None, []
    async for raw in response.content:
        line = raw.decode("utf-8", "ignore").rstrip("\r\n")
        if not line:
            if event:
                yield event, "\n".join(data)
            event, data = None, []
            continue
        if line.startswith(":"):
            continue
        field, value = line.split(":", 1)
        value = value.lstrip()
        if field == "event":
            event = value
        elif field == "data":
            data.append(value)


class Client:
    def __init__(self, http, api_key=None):
        self.http = http
        self.api_key = api_key

    def headers(self, sid=None, stream=False):
        headers = {"User-Agent": "rewardkit-ors-test/1"}
        if self.api_key:
            headers["X-API-Key"] = self.api_key
        if sid:
            headers["X-Session-ID"] = sid
        if stream:
            headers["Accept"] = "text/event-stream"
        return headers

    async def request(self, method, path, sid=None, body=None, expect_json=True):
        async with self.http.request(method, path, headers=self.headers(sid), json=body) as response:
            await raise_for_status(response)
            return await response.json() if expect_json else None

    async def stream(self, path, sid=None, body=None, on_event=lambda event, data: None):
        """POSTs and reads an event stream; returns the parsed end payload (None when empty)."""
        async with self.http.post(path, headers=self.headers(sid, stream=True), json=body or {}) as response:
            await raise_for_status(response)
            chunks = []
            async for event, data in parse_sse(response):
                on_event(event, data)
                if event == "chunk":
                    chunks.append(data)
                elif event == "end":
                    chunks.append(data)
                    text = "".join(chunks)
                    return json.loads(text) if text else None
                elif event == "error":
                    raise ToolCallError(data or "Unknown SSE error")
            raise RuntimeError("Stream ended unexpectedly")


class Session:
    """``async with Session(client, env, split=..., index=...) as session`` like the SDK's AsyncSession."""

    def __init__(self, client, env, split, index, ping_every=0.05):
        self.client, self.env, self.split, self.index = client, env, split, index
        self.ping_every = ping_every
        self.sid = None
        self.pinger = None
        self.pings = 0

    async def __aenter__(self):
        found = {}
        await self.client.stream("/create_session", on_event=lambda event, data: found.setdefault(event, data.strip()))
        self.sid = found["task_id"]
        await self.client.request("POST", "/create", sid=self.sid, body={"split": self.split, "index": self.index, "env_name": self.env})
        self.pinger = asyncio.create_task(self.ping())
        return self

    async def ping(self):
        while True:
            await asyncio.sleep(self.ping_every)
            await self.client.request("POST", "/ping", sid=self.sid, expect_json=False)
            self.pings += 1

    async def __aexit__(self, *exc):
        self.pinger.cancel()
        try:
            await self.pinger
        except asyncio.CancelledError:
            pass
        await self.client.request("POST", "/delete", sid=self.sid, expect_json=False)
        await self.client.request("POST", "/delete_session", sid=self.sid, expect_json=False)

    async def get_prompt(self):
        return await self.client.request("GET", f"/{self.env}/prompt", sid=self.sid)

    async def list_tools(self):
        try:
            return (await self.client.request("GET", f"/{self.env}/task_tools", sid=self.sid))["tools"]
        except HttpError as error:
            if error.status != 404:
                raise
        return (await self.client.request("GET", f"/{self.env}/tools", sid=self.sid))["tools"]

    async def call_tool(self, name, tool_input):
        result = await self.client.stream(f"/{self.env}/call", sid=self.sid, body={"name": name, "input": tool_input})
        if result["ok"]:
            output = result["output"]
            # Indexed as the SDK indexes them: every key must be there.
            return {
                "text": "\n".join(block["text"] for block in output["blocks"] if block["type"] == "text"),
                "details": [block["detail"] for block in output["blocks"]],
                "reward": output["reward"],
                "finished": output["finished"],
                "metadata": output["metadata"],
            }
        raise ToolCallError(result["error"])


def shortest_path(observation):
    """Breadth-first search over the printed grid: '#' walls, 'A' the agent, 'G' the goal."""
    rows = [line for line in observation.split("\n") if line.startswith("#")]
    cells = {(r, c): ch for r, line in enumerate(rows) for c, ch in enumerate(line)}
    start = next(cell for cell, ch in cells.items() if ch == "A")
    goal = next(cell for cell, ch in cells.items() if ch == "G")
    moves = [("up", -1, 0), ("right", 0, 1), ("down", 1, 0), ("left", 0, -1)]
    previous, queue = {start: None}, [start]
    while queue:
        here = queue.pop(0)
        if here == goal:
            path = []
            while previous[here] is not None:
                here, move = previous[here]
                path.insert(0, move)
            return path
        for name, dr, dc in moves:
            nxt = (here[0] + dr, here[1] + dc)
            if cells.get(nxt, "#") not in "#~" and nxt not in previous:
                previous[nxt] = (here, name)
                queue.append(nxt)
    raise RuntimeError("no path")


async def main():
    job = json.load(sys.stdin)
    findings = {}
    async with aiohttp.ClientSession(base_url=job["url"]) as http:
        client = Client(http, job.get("api_key"))
        findings["environments"] = await client.request("GET", "/list_environments")
        grid = job["grid"]
        findings["splits"] = [split["name"] for split in await client.request("GET", f"/{grid}/splits")]
        findings["num_tasks"] = (await client.request("POST", f"/{grid}/num_tasks", body={"split": "train"}))["num_tasks"]

        async with Session(client, grid, "train", 0) as session:
            prompt = await session.get_prompt()
            findings["tools"] = [tool["name"] for tool in await session.list_tools()]
            steps = []
            for action in shortest_path(prompt[-1]["text"]):
                steps.append(await session.call_tool("act", {"action": action}))
            findings["grid_rewards"] = [step["reward"] for step in steps]
            findings["grid_finished"] = [step["finished"] for step in steps]
            findings["grid_terminated"] = steps[-1]["metadata"]["terminated"]
            try:
                await session.call_tool("jump", {})
            except ToolCallError as error:
                findings["unknown_tool"] = str(error)
            await asyncio.sleep(0.2)
            findings["pinged"] = session.pings > 0

        try:
            await client.request("GET", "/no-such-env/tools")
        except HttpError as error:
            findings["unknown_env"] = [error.status, error.detail]
        try:
            await client.request("POST", "/ping", sid=session.sid, expect_json=False)
        except HttpError as error:
            findings["after_delete"] = [error.status, error.detail]

        async def bandit_episode(index):
            async with Session(client, job["bandit"], "train", index % 3) as episode:
                rewards = []
                for action in ["arm 0", "arm 1", "arm 0"]:
                    rewards.append((await episode.call_tool("act", {"action": action}))["reward"])
                return rewards

        findings["bandit"] = await asyncio.gather(*[bandit_episode(index) for index in range(12)])

        if job.get("gsm8k"):
            scored = []
            for index, answer in job["gsm8k_answers"]:
                for submitted in [answer, "0.5"]:
                    async with Session(client, job["gsm8k"], "test", index) as episode:
                        out = await episode.call_tool("submit", {"answer": submitted})
                        scored.append([index, submitted, out["reward"], out["finished"], out["metadata"]])
            findings["gsm8k"] = scored
    print(json.dumps(findings))


if __name__ == "__main__":
    asyncio.run(main())
