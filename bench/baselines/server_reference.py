"""The reward server benchmark's Python reference: a minimal reward server computing the same reward
as bench/server/spec.yaml (R1 format regex + exact match, weighted 0.2/1.0), the way a verl/OpenRLHF
user writes one by hand. Flask (its threaded server) when importable, else http.server.

Usage: python3 bench/baselines/server_reference.py PORT
       python3 -m gunicorn -k gthread --threads 8 -w N 'server_reference:create_app()'  (N processes)
"""
import json
import re
import sys

FORMAT = re.compile(r"^<think>[\s\S]*</think>\s*<answer>[\s\S]*</answer>$")
END_TOKENS = ("<|im_end|>", "<|endoftext|>", "<|eot_id|>", "</s>")


def score(completion, reference):
    fmt = 1 if FORMAT.search(completion) else 0
    correct = 1 if reference is not None and completion.strip() == str(reference).strip() else 0
    return {"reward": 0.2 * fmt + correct, "components": {"format": fmt, "correct": correct}}


def get_reward(body):
    rewards, formats, corrects = [], [], []
    prompts = body.get("prompts") or [""] * len(body["query"])
    labels = body.get("labels") or [None] * len(body["query"])
    for query, prompt, label in zip(body["query"], prompts, labels):
        completion = query[len(prompt):] if query.startswith(prompt) else query
        while completion.endswith(END_TOKENS):
            for token in END_TOKENS:
                if completion.endswith(token):
                    completion = completion[: -len(token)]
        result = score(completion, label)
        rewards.append(float(result["reward"]))
        formats.append(float(result["components"]["format"]))
        corrects.append(float(result["components"]["correct"]))
    return {"rewards": rewards, "scores": rewards, "extra_logs": {"format": formats, "correct": corrects}}


def score_batch(body):
    return {"results": [score(sample["completion"], sample.get("reference")) for sample in body["samples"]]}


ROUTES = {"/get_reward": get_reward, "/v1/score": score_batch}


def create_app():
    from flask import Flask, jsonify, request

    app = Flask(__name__)
    for path, handler in ROUTES.items():
        app.add_url_rule(path, path, lambda handler=handler: jsonify(handler(request.get_json())), methods=["POST"])
    return app


def main(port):
    try:
        import logging

        app = create_app()
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        print("flask", flush=True)
        app.run(host="127.0.0.1", port=port, threaded=True)
    except ImportError:
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                out = json.dumps(ROUTES[self.path](body)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)

            def log_message(self, *args):
                pass

        print("http.server", flush=True)
        ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]))
