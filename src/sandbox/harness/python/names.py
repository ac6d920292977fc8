# rewardkit's Python test evaluator, part 2 of 3 (after codec.py, before evaluator.py): which
# program definition a test means when the program defines a name that is also a built-in.
#
# Python resolves a name in the program's globals before the built-ins, and a test calling the
# program's own `sum(...)` must get it. But a test that applies a built-in to what the program
# returned (`abs(candidate(x) - y) < 1e-6`, `len(result) == 3`, `isinstance(f(x), int)`) relies on
# the real built-in: a program that defines `abs` returning 0 would otherwise forge the check. So a
# shadowed name means the program's definition where the test calls it on test data only (literals,
# names bound to literals, built-ins and imported modules applied to those) or passes it as a value
# (`check(sum)`), and the real built-in where any argument may hold a value from the program.
import ast
import builtins

PROGRAM_PREFIX = "__rk_program__"


class TestData:
    """Which expressions of the tests are made of test data only (never a value from the program)."""

    def __init__(self, module, program_names):
        self.program_names = program_names
        sources = {}
        unknown = set()
        for node in ast.walk(module):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    _bind(target, node.value, sources)
            elif isinstance(node, (ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                _bind(node.target, node.value, sources)
            elif isinstance(node, ast.NamedExpr):
                _bind(node.target, node.value, sources)
            elif isinstance(node, (ast.For, ast.AsyncFor, ast.comprehension)):
                _bind(node.target, node.iter, sources)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    sources.setdefault((alias.asname or alias.name).split(".")[0], [])
            elif isinstance(node, ast.arguments):
                for argument in node.posonlyargs + node.args + node.kwonlyargs + [node.vararg, node.kwarg]:
                    if argument is not None:
                        unknown.add(argument.arg)
            elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                unknown.add(node.name)
            elif isinstance(node, ast.withitem) and node.optional_vars is not None:
                for name in ast.walk(node.optional_vars):
                    if isinstance(name, ast.Name):
                        unknown.add(name.id)
            elif isinstance(node, ast.ExceptHandler) and node.name:
                unknown.add(node.name)
        self.assigned = set(sources) | unknown
        # The greatest fixed point: a name is test data when every value bound to it is.
        self.names = {name for name in sources if name not in unknown}
        changed = True
        while changed:
            changed = False
            for name in list(self.names):
                if not all(self.holds_data(value) for value in sources[name]):
                    self.names.discard(name)
                    changed = True

    def holds_data(self, node):
        if node is None or isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            if node.id in self.names:
                return True
            return node.id not in self.assigned and node.id not in self.program_names and hasattr(builtins, node.id)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return all(self.holds_data(item) for item in node.elts)
        if isinstance(node, ast.Dict):
            return all(self.holds_data(item) for item in node.keys + node.values)
        if isinstance(node, ast.Call):
            return (self.holds_data(node.func) and all(self.holds_data(item) for item in node.args)
                    and all(self.holds_data(keyword.value) for keyword in node.keywords))
        if isinstance(node, (ast.Attribute, ast.Starred, ast.FormattedValue, ast.NamedExpr, ast.UnaryOp)):
            return self.holds_data(getattr(node, "value", None) if not isinstance(node, ast.UnaryOp) else node.operand)
        if isinstance(node, ast.Subscript):
            return self.holds_data(node.value) and self.holds_data(node.slice)
        if isinstance(node, ast.Slice):
            return all(self.holds_data(part) for part in (node.lower, node.upper, node.step))
        if isinstance(node, ast.BinOp):
            return self.holds_data(node.left) and self.holds_data(node.right)
        if isinstance(node, ast.BoolOp):
            return all(self.holds_data(item) for item in node.values)
        if isinstance(node, ast.Compare):
            return self.holds_data(node.left) and all(self.holds_data(item) for item in node.comparators)
        if isinstance(node, ast.IfExp):
            return all(self.holds_data(part) for part in (node.test, node.body, node.orelse))
        if isinstance(node, ast.JoinedStr):
            return all(self.holds_data(item) for item in node.values)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp, ast.DictComp)):
            parts = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            for generator in node.generators:
                parts += [generator.iter] + generator.ifs
            return all(self.holds_data(part) for part in parts)
        return False


def _bind(target, value, sources):
    for node in ast.walk(target):
        if isinstance(node, ast.Name):
            sources.setdefault(node.id, []).append(value)


def point_at_program_definitions(module, program_names):
    """Renames, in place, each use of a shadowed built-in that means the program's definition to
    PROGRAM_PREFIX + name (the namespace resolves those in the program). Returns the names."""
    data = TestData(module, program_names)
    shadowed = {name for name in program_names if hasattr(builtins, name) and name not in data.assigned}
    if not shadowed:
        return shadowed
    decided = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in shadowed:
            decided.add(id(node.func))
            if all(data.holds_data(item) for item in node.args) and all(
                    data.holds_data(keyword.value) for keyword in node.keywords):
                node.func.id = PROGRAM_PREFIX + node.func.id
    for node in ast.walk(module):
        if (isinstance(node, ast.Name) and node.id in shadowed and isinstance(node.ctx, ast.Load)
                and id(node) not in decided):
            node.id = PROGRAM_PREFIX + node.id
    return shadowed
