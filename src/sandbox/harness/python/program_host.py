# rewardkit's Python program host (after codec.py). It runs the program, then serves the
# evaluator's requests (look up a name, call, get an attribute or item, iterate, compare two
# program objects) over descriptors 100/101. Untrusted: the program shares this process, so
# everything this sends is treated as data by the evaluator.
import builtins
import json
import os
import sys

REQUESTS, REPLIES = 100, 101
PROGRAM = "/tmp/main.py"

_requests = os.fdopen(REQUESTS, "rb")
_replies = os.fdopen(REPLIES, "wb")
_objects = {}
_handles = {}


def _to_handle(value):
    key = id(value)
    handle = _handles.get(key)
    if handle is None or _objects.get(handle) is not value:
        handle = len(_objects) + 1
        _objects[handle] = value
        _handles[key] = handle
    return {"H": [handle, type(value).__name__]}


def _from_handle(payload):
    if type(payload) is not int or payload not in _objects:
        raise ValueError("unknown object handle")
    return _objects[payload]


def _send(message):
    _replies.write(json.dumps(message).encode("utf-8") + b"\n")
    _replies.flush()


def _describe(error):
    text = str(error)
    return {"type": type(error).__name__, "errno": getattr(error, "errno", None) if isinstance(error, OSError) else None,
            "message": text[:2000]}


sys.argv[:] = [PROGRAM]
sys.path.insert(0, "/tmp")
_program = {"__name__": "__main__", "__file__": PROGRAM, "__builtins__": builtins}
try:
    with open(PROGRAM, "rb") as _file:
        _code = compile(_file.read(), PROGRAM, "exec")
    exec(_code, _program)
except BaseException as _error:
    _send({"ready": False, "error": _describe(_error)})
    raise SystemExit(0)
_send({"ready": True, "names": [name for name in _program if not (name.startswith("__") and name.endswith("__"))]})

_MUTABLE = (list, dict, set, bytearray)


def _serve(request):
    op = request["op"]
    if op == "get":
        name = request["name"]
        if name not in _program:
            raise NameError("name %r is not defined by the program" % name)
        return {"ok": encode(_program[name], _to_handle)}
    target = _from_handle(request["target"])
    if op == "call":
        args = [decode(item, _from_handle) for item in request["args"]]
        kwargs = {key: decode(item, _from_handle) for key, item in request["kwargs"].items()}
        value = target(*args, **kwargs)
        reply = {"ok": encode(value, _to_handle)}
        reply["args"] = [encode(item, _to_handle) if type(item) in _MUTABLE else None for item in args]
        reply["kwargs"] = {key: encode(item, _to_handle) for key, item in kwargs.items() if type(item) in _MUTABLE}
        return reply
    if op == "getattr":
        return {"ok": encode(getattr(target, request["name"]), _to_handle)}
    if op == "getitem":
        return {"ok": encode(target[decode(request["key"], _from_handle)], _to_handle)}
    if op == "iter":
        return {"ok": _to_handle(iter(target))}
    if op == "next":
        try:
            return {"ok": encode(next(target), _to_handle)}
        except StopIteration:
            return {"stop": True}
    if op == "eq":
        return {"ok": bool(target == _from_handle(request["other"]))}
    if op == "ne":
        return {"ok": bool(target != _from_handle(request["other"]))}
    raise ValueError("unknown request")


while True:
    _line = _requests.readline()
    if not _line:
        break
    try:
        _reply = _serve(json.loads(_line))
    except BaseException as _error:
        _reply = {"error": _describe(_error)}
    try:
        _send(_reply)
    except (TypeError, ValueError) as _error:
        _send({"error": _describe(_error)})
