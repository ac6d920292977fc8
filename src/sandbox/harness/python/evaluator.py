# rewardkit's Python test evaluator, part 3 of 3 (after codec.py and names.py), run as PID 1 of
# the sandbox. It reads the tests from stdin (the program never sees them), starts the program
# host beside itself, runs each test here with the program's functions as remote proxies, and
# writes one JSON line per verdict to stdout, which only it holds. See docs/sandbox.md.
import ast
import builtins
import json
import operator
import os
import sys

READY = 3
PROGRAM_STDERR = "/tmp/.program-stderr"
_out = sys.stdout
_channel = None


def emit(message):
    _out.write(json.dumps(message) + "\n")
    _out.flush()


def _protect():
    # The program runs beside us as the same user: keep it out of this process's memory and files.
    try:
        import ctypes
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)
    except Exception:
        pass


class ProgramGone(BaseException):
    """The program process ended or broke the protocol: no later test can run."""


class ProgramError(Exception):
    """An exception raised by program code that is not a built-in exception type."""


_LIMIT_ERRORS = {"MemoryError": "memory"}
_LIMIT_ERRNOS = {11: "processes", 27: "file_size"}
_SIGNAL_LIMITS = {24: "cpu", 25: "file_size"}


class Remote:
    """A program object that is not data. It has no truth value and compares with data by identity
    only: equality and truth stay on this side, where the program cannot define them. Two program
    objects compare with the program's own == (a test comparing them tests that very method)."""

    __slots__ = ("_rk_handle", "_rk_type")

    def __init__(self, handle, type_name):
        object.__setattr__(self, "_rk_handle", handle)
        object.__setattr__(self, "_rk_type", type_name)

    def __call__(self, *args, **kwargs):
        return _channel.call(self, args, kwargs)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _channel.value({"op": "getattr", "target": self._rk_handle, "name": name})

    def __getitem__(self, key):
        return _channel.value({"op": "getitem", "target": self._rk_handle, "key": _channel.encode(key)})

    def __iter__(self):
        iterator = _channel.value({"op": "iter", "target": self._rk_handle})
        while True:
            reply = _channel.request({"op": "next", "target": iterator._rk_handle})
            if reply.get("stop") is True:
                return
            yield _channel.decode(reply.get("ok"))

    def __eq__(self, other):
        if type(other) is not Remote:
            return NotImplemented
        return other._rk_handle == self._rk_handle or _channel.compare("eq", self, other)

    def __ne__(self, other):
        if type(other) is not Remote:
            return NotImplemented
        return other._rk_handle != self._rk_handle and _channel.compare("ne", self, other)

    def __hash__(self):
        return hash(("program object", self._rk_handle))

    def __bool__(self):
        raise TypeError("a %s object from the program has no truth value in a test" % self._rk_type)

    def __repr__(self):
        return "<program %s object>" % self._rk_type


class Channel:
    def __init__(self, process_id, requests, replies, max_bytes):
        self.process_id = process_id
        self.requests = requests
        self.replies = replies
        self.max_bytes = max_bytes
        self.limit = None

    def encode(self, value):
        def to_handle(item):
            if type(item) is Remote:
                return {"H": item._rk_handle}
            raise TypeError("a %s cannot be passed to the program" % type(item).__name__)
        return encode(value, to_handle)

    def decode(self, value):
        def from_handle(payload):
            if type(payload) is not list or len(payload) != 2 or type(payload[0]) is not int:
                raise ValueError("malformed handle")
            return Remote(payload[0], str(payload[1])[:100])
        try:
            return decode(value, from_handle)
        except (TypeError, ValueError, KeyError, IndexError, AttributeError, ArithmeticError) as error:
            raise ProgramGone("the program sent a malformed value: %s" % error)

    def read(self):
        line = self.replies.readline(self.max_bytes + 1)
        if not line:
            raise ProgramGone(self.ended())
        if len(line) > self.max_bytes:
            raise ProgramGone("the program sent a reply over %d bytes" % self.max_bytes)
        try:
            message = json.loads(line)
        except ValueError:
            raise ProgramGone("the program broke the test protocol")
        if type(message) is not dict:
            raise ProgramGone("the program broke the test protocol")
        return message

    def request(self, message):
        reap(self.process_id)
        try:
            self.requests.write(json.dumps(message).encode("utf-8") + b"\n")
            self.requests.flush()
        except OSError:
            raise ProgramGone(self.ended())
        reply = self.read()
        error = reply.get("error")
        if error is not None:
            raise self.program_exception(error)
        return reply

    def value(self, message):
        return self.decode(self.request(message).get("ok"))

    def compare(self, op, left, right):
        verdict = self.request({"op": op, "target": left._rk_handle, "other": right._rk_handle}).get("ok")
        if type(verdict) is not bool:
            raise ProgramGone("the program broke the test protocol")
        return verdict

    def call(self, target, args, kwargs):
        reply = self.request({"op": "call", "target": target._rk_handle,
                              "args": [self.encode(item) for item in args],
                              "kwargs": {str(key): self.encode(item) for key, item in kwargs.items()}})
        changed = reply.get("args")
        if type(changed) is list:
            for original, new in zip(args, changed):
                if new is not None:
                    write_back(original, self.decode(new))
        changed = reply.get("kwargs")
        if type(changed) is dict:
            for key, new in changed.items():
                if key in kwargs:
                    write_back(kwargs[key], self.decode(new))
        return self.decode(reply.get("ok"))

    def program_exception(self, error):
        if type(error) is not dict:
            return ProgramGone("the program broke the test protocol")
        name = str(error.get("type"))[:100]
        message = str(error.get("message"))[:2000]
        limit = _LIMIT_ERRORS.get(name) or (_LIMIT_ERRNOS.get(error.get("errno")) if name.endswith("Error") else None)
        if limit is not None and self.limit is None:
            self.limit = limit
        kind = getattr(builtins, name, None)
        if isinstance(kind, type) and issubclass(kind, Exception) and kind is not ProgramGone:
            try:
                return kind(message)
            except Exception:
                pass
        return ProgramError("%s: %s" % (name, message))

    def ended(self):
        try:
            pid, status = os.waitpid(self.process_id, 0)
        except ChildProcessError:
            return "the program process ended"
        if os.WIFSIGNALED(status):
            number = os.WTERMSIG(status)
            if self.limit is None:
                self.limit = _SIGNAL_LIMITS.get(number)
            return "the program was killed by signal %d" % number
        return "the program exited with status %d" % os.WEXITSTATUS(status)


def write_back(original, new):
    kind = type(original)
    if kind is not type(new):
        return
    if kind is list or kind is bytearray:
        original[:] = new
    elif kind is dict or kind is set:
        original.clear()
        original.update(new)


def reap(keep):
    # We are PID 1: orphans of the program end up as our zombies. Reap them, never the program.
    while True:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            return
        if info is None or info.si_pid == keep:
            return
        os.waitpid(info.si_pid, 0)


class Namespace(dict):
    """The tests' globals: built-ins first (the program cannot replace them), then what the program
    defines, fetched from it at each use; PROGRAM_PREFIX + name is the program's own definition of
    a built-in's name (names.py decides where a test means it)."""

    def __init__(self, program_names):
        super().__init__()
        self.program_names = program_names

    def __missing__(self, key):
        if key.startswith(PROGRAM_PREFIX):
            return _channel.value({"op": "get", "name": key[len(PROGRAM_PREFIX):]})
        if hasattr(builtins, key):
            return getattr(builtins, key)
        if key in self.program_names:
            return _channel.value({"op": "get", "name": key})
        raise KeyError(key)


def test_statements(module):
    checkers = {statement.name for statement in module.body
                if isinstance(statement, ast.FunctionDef) and contains_assert(statement)}
    tests = []
    for statement in module.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        if contains_assert(statement) or calls_checker(statement, checkers):
            tests.append(statement)
    return tests


def contains_assert(node):
    return any(isinstance(child, ast.Assert) for child in ast.walk(node))


def calls_checker(statement, checkers):
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Call)
            and isinstance(statement.value.func, ast.Name) and statement.value.func.id in checkers)


_COMPARISONS = {ast.Eq: operator.eq, ast.NotEq: operator.ne, ast.Lt: operator.lt, ast.LtE: operator.le,
                ast.Gt: operator.gt, ast.GtE: operator.ge}


def shorten(text, size=300):
    return text if len(text) <= size else text[:size] + "..."


def run_test(statement, namespace, source):
    label = shorten(ast.get_source_segment(source, statement) or "line %d" % statement.lineno, 200)
    test = statement.test if isinstance(statement, ast.Assert) else None
    if (isinstance(test, ast.Compare) and len(test.ops) == 1 and type(test.ops[0]) in _COMPARISONS
            and statement.msg is None):
        left = evaluate(test.left, namespace)
        right = evaluate(test.comparators[0], namespace)
        if _COMPARISONS[type(test.ops[0])](left, right) is True:
            return True, None
        if isinstance(test.ops[0], ast.Eq):
            return False, "%s: got %s, expected %s" % (label, shorten(repr(left)), shorten(repr(right)))
        return False, "%s: got %s" % (label, shorten(repr(left)))
    try:
        exec(compile(ast.Module(body=[statement], type_ignores=[]), "<tests>", "exec"), namespace)
    except AssertionError as error:
        line = failing_line(error, source)
        detail = (": " + shorten(str(error))) if str(error) else ""
        return False, "%s failed%s" % (line or label, detail)
    return True, None


def evaluate(node, namespace):
    return eval(compile(ast.Expression(body=node), "<tests>", "eval"), namespace)


def failing_line(error, source):
    traceback = error.__traceback__
    line_number = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename == "<tests>":
            line_number = traceback.tb_lineno
        traceback = traceback.tb_next
    if line_number is None:
        return None
    lines = source.splitlines()
    if 0 < line_number <= len(lines):
        return "line %d: %s" % (line_number, shorten(lines[line_number - 1].strip(), 200))
    return None


def with_int_keys(value):
    """APPS turns a JSON object's string keys back into ints (testing_util.py), when they all are."""
    return {int(key): item for key, item in value.items()}


def call_case_passes(output, expected):
    """APPS/TACO's verdict for one call-based case (testing_util.py): a tuple is compared as a
    list, and an expected value wrapped in a one-element list also matches (a list of tuples as
    a list of lists too)."""
    if isinstance(output, tuple):
        output = list(output)
    if output == expected:
        return True
    if isinstance(expected, list) and expected:
        if output == expected[0]:
            return True
        try:
            if isinstance(output[0], tuple) and [list(item) for item in output] == expected[0]:
                return True
        except Exception:
            pass
    return False


def run_calls(calls, names, stop_on_first_failure):
    """APPS/TACO call-based tests: each case calls `fn_name` (a method of `Solution()` when the
    program defines that class, as LeetCode-style solutions do) with the case's arguments.
    Returns why the remaining cases did not run, or None."""
    fn_name = calls["fn_name"]
    try:
        if "Solution" in names:
            target = getattr(_channel.value({"op": "get", "name": "Solution"})(), fn_name)
        else:
            target = _channel.value({"op": "get", "name": fn_name})
    except ProgramGone as gone:
        return gone_message(gone)
    except Exception as error:
        return "the program has no %s: %s: %s" % (fn_name, type(error).__name__, shorten(str(error)))
    for index, (arguments, expected) in enumerate(zip(calls["inputs"], calls["outputs"])):
        if type(arguments) is not list:
            arguments = [arguments]
        try:
            if arguments and isinstance(arguments[0], dict):
                arguments = [with_int_keys(arguments[0])]
        except (TypeError, ValueError):
            pass
        try:
            if isinstance(expected, dict):
                expected = [with_int_keys(expected)]
            elif isinstance(expected, list) and expected and isinstance(expected[0], dict):
                expected = [with_int_keys(expected[0])]
        except (TypeError, ValueError):
            pass
        call = "%s(%s)" % (fn_name, shorten(", ".join(repr(item) for item in arguments), 200))
        stopped = None
        try:
            output = target(*arguments)
            passed = call_case_passes(output, expected)
            message = None if passed else "%s returned %s, expected %s" % (
                call, shorten(repr(output)), shorten(repr(expected)))
        except ProgramGone as gone:
            stopped = gone_message(gone)
            passed, message = False, "%s: %s" % (call, stopped)
        except Exception as error:
            passed, message = False, "%s raised %s: %s" % (call, type(error).__name__, shorten(str(error)))
        if _channel.limit is not None:
            emit({"kind": "limit", "limit": _channel.limit, "message": message})
            return LIMIT
        emit({"kind": "result", "index": index, "passed": passed, "message": message})
        if stopped is not None:
            return stopped
        if stop_on_first_failure and not passed:
            return "stopped at the first failure"
    return None


LIMIT = object()


def start_program(host_source):
    requests_read, requests_write = os.pipe()
    replies_read, replies_write = os.pipe()
    stderr = os.open(PROGRAM_STDERR, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0),
        (os.POSIX_SPAWN_DUP2, stderr, 2),
        (os.POSIX_SPAWN_DUP2, requests_read, 100),
        (os.POSIX_SPAWN_DUP2, replies_write, 101),
    ]
    process_id = os.posix_spawn(sys.executable, [sys.executable, "-I", "-B", "-c", host_source],
                                dict(os.environ), file_actions=actions)
    for descriptor in (requests_read, replies_write, stderr):
        os.close(descriptor)
    return process_id, os.fdopen(requests_write, "wb"), os.fdopen(replies_read, "rb")


def stderr_tail():
    try:
        with open(PROGRAM_STDERR, "rb") as file:
            file.seek(0, 2)
            size = file.tell()
            file.seek(max(0, size - 1500))
            return file.read().decode("utf-8", "replace").strip()
    except OSError:
        return ""


def gone_message(gone):
    message = str(gone)
    tail = stderr_tail()
    if tail:
        message += "; stderr: " + shorten(tail.splitlines()[-1], 300)
    return message


def load_program(job):
    """Starts the program host; the program's top-level names, or why it failed to load."""
    global _channel
    process_id, requests, replies = start_program(job["host"])
    _channel = Channel(process_id, requests, replies, int(job["max_reply_bytes"]))
    try:
        hello = _channel.read()
        if hello.get("ready") is not True:
            error = _channel.program_exception(hello.get("error"))
            return [], "the program failed to load: %s: %s" % (type(error).__name__, shorten(str(error), 500))
        names = hello.get("names") if type(hello.get("names")) is list else []
        return [name for name in names if type(name) is str], None
    except ProgramGone as gone:
        return [], "the program failed to load: %s" % gone


def main_calls(job):
    calls = job["calls"]
    emit({"kind": "plan", "tests": len(calls["inputs"])})
    names, failure = load_program(job)
    if failure is None:
        failure = run_calls(calls, set(names), job.get("stop_on_first_failure") is True)
        if failure is LIMIT:
            return
    if failure is not None:
        emit({"kind": "stopped", "message": failure})
    emit({"kind": "done"})


def main_asserts(job):
    source = job["tests"]
    try:
        module = ast.parse(source, "<tests>")
    except SyntaxError as error:
        emit({"kind": "invalid-tests", "message": "line %s: %s" % (error.lineno, error.msg)})
        return
    tests = test_statements(module)
    whole = not tests
    emit({"kind": "plan", "tests": 1 if whole else len(tests)})
    names, failure = load_program(job)
    program_names = set(names)
    point_at_program_definitions(module, program_names)
    namespace = Namespace(program_names)
    statements = [module] if whole else module.body
    index = 0
    for statement in statements:
        is_test = whole or statement in tests
        if failure is not None:
            if is_test:
                emit({"kind": "result", "index": index, "passed": False, "message": failure})
                index += 1
            continue
        try:
            if whole:
                exec(compile(module, "<tests>", "exec"), namespace)
                passed, message = True, None
            elif is_test:
                passed, message = run_test(statement, namespace, source)
            else:
                exec(compile(ast.Module(body=[statement], type_ignores=[]), "<tests>", "exec"), namespace)
                continue
        except ProgramGone as gone:
            failure = gone_message(gone)
            passed, message = False, failure
        except Exception as error:
            if not is_test:
                continue
            passed, message = False, "%s raised %s: %s" % (
                shorten(ast.get_source_segment(source, statement) or "test", 200),
                type(error).__name__, shorten(str(error)))
        if _channel.limit is not None:
            emit({"kind": "limit", "limit": _channel.limit, "message": message})
            return
        emit({"kind": "result", "index": index, "passed": passed, "message": message})
        index += 1
    emit({"kind": "done"})


def main():
    _protect()
    os.write(READY, b"R")
    os.closerange(READY, 1 << 16)
    job = json.loads(sys.stdin.buffer.read())
    if "calls" in job:
        main_calls(job)
    else:
        main_asserts(job)


main()
