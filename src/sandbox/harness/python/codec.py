# rewardkit's Python test harness: values as tagged JSON, both ways. Shared by the trusted
# evaluator and the untrusted program host, each run as `codec.py + its own file` (python -c).
#
# Exact built-in types travel as data. So do subclasses of built-in types, read with the base
# type's own C methods (an overridden __eq__, __iter__ or items() is never consulted), and the
# standard library's value types (Counter, OrderedDict, defaultdict, deque, namedtuple, Decimal,
# Fraction, date, time, datetime, timedelta, range, re.Match): the receiving side rebuilds them
# with its own classes, so their equality and truth are Python's. Anything else is a handle.
import base64
import math

_MAX_DEPTH = 64
_FACTORIES = {"int": int, "float": float, "str": str, "list": list, "dict": dict, "set": set,
              "tuple": tuple, "bool": bool, "bytes": bytes, "frozenset": frozenset}
_namedtuple_classes = {}


class MatchValue:
    """A re.Match rebuilt from data: true, as every match is, with its groups and spans. It
    compares by identity, as a real match does."""

    __slots__ = ("string", "pos", "endpos", "lastindex", "lastgroup", "_spans", "_names")

    def __bool__(self):
        return True

    def _index(self, group):
        if type(group) is str:
            if group not in self._names:
                raise IndexError("no such group")
            group = self._names[group]
        if type(group) is not int or not 0 <= group < len(self._spans):
            raise IndexError("no such group")
        return group

    def _text(self, group, default=None):
        start, end = self._spans[self._index(group)]
        return default if start < 0 else self.string[start:end]

    def group(self, *groups):
        if not groups:
            return self._text(0)
        texts = tuple(self._text(group) for group in groups)
        return texts[0] if len(texts) == 1 else texts

    def __getitem__(self, group):
        return self._text(group)

    def groups(self, default=None):
        return tuple(self._text(index, default) for index in range(1, len(self._spans)))

    def groupdict(self, default=None):
        return {name: self._text(index, default) for name, index in self._names.items()}

    def span(self, group=0):
        return tuple(self._spans[self._index(group)])

    def start(self, group=0):
        return self._spans[self._index(group)][0]

    def end(self, group=0):
        return self._spans[self._index(group)][1]

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group())


def _library_value(value, kind, to_handle, depth):
    """The tag and payload of a standard-library value type, or None."""
    module = getattr(kind, "__module__", None)
    name = getattr(kind, "__qualname__", None)
    more = depth + 1
    if module == "collections":
        if name in ("Counter", "OrderedDict") and issubclass(kind, dict):
            return [name, [[encode(k, to_handle, more), encode(v, to_handle, more)] for k, v in dict.items(value)]]
        if name == "defaultdict" and issubclass(kind, dict):
            factory = getattr(value.default_factory, "__name__", None)
            items = [[encode(k, to_handle, more), encode(v, to_handle, more)] for k, v in dict.items(value)]
            return [name, [factory if factory in _FACTORIES else None, items]]
        if name == "deque":
            return [name, [value.maxlen, [encode(item, to_handle, more) for item in value]]]
    if module == "re" and name == "Match":
        return ["Match", {"string": encode(value.string, to_handle, more), "spans": [list(span) for span in value.regs],
                          "names": dict(value.re.groupindex), "pos": value.pos, "endpos": value.endpos,
                          "lastindex": value.lastindex, "lastgroup": value.lastgroup}]
    if module == "decimal" and name == "Decimal":
        return [name, str(value)]
    if module == "fractions" and name == "Fraction":
        return [name, [value.numerator, value.denominator]]
    if module == "datetime" and getattr(value, "tzinfo", None) is None:
        if name == "date":
            return [name, [value.year, value.month, value.day]]
        if name == "datetime":
            return [name, [value.year, value.month, value.day, value.hour, value.minute, value.second,
                           value.microsecond]]
        if name == "time":
            return [name, [value.hour, value.minute, value.second, value.microsecond]]
        if name == "timedelta":
            return [name, [value.days, value.seconds, value.microseconds]]
    if kind is range:
        return ["range", [value.start, value.stop, value.step]]
    if issubclass(kind, tuple) and type(getattr(kind, "_fields", None)) is tuple:
        return ["namedtuple", [str(name), [str(field) for field in kind._fields],
                               [encode(item, to_handle, more) for item in tuple.__getitem__(value, slice(None))]]]
    return None


def _base_value(value, kind):
    """A subclass of a built-in type as the plain built-in value (None when it is not one)."""
    if issubclass(kind, int):
        return int.__index__(value)
    if issubclass(kind, float):
        return float.__float__(value)
    if issubclass(kind, str):
        return str.__str__(value)
    if issubclass(kind, list):
        return list.copy(value)
    if issubclass(kind, tuple):
        return tuple.__getitem__(value, slice(None))
    if issubclass(kind, dict):
        return dict(dict.items(value))
    if issubclass(kind, frozenset):
        return frozenset.copy(value)
    if issubclass(kind, set):
        return set.copy(value)
    if issubclass(kind, bytes):
        return bytes.__getitem__(value, slice(None))
    if issubclass(kind, bytearray):
        return bytearray.copy(value)
    return None


def encode(value, to_handle, depth=0):
    if depth > _MAX_DEPTH:
        raise ValueError("value nested too deeply to send")
    if value is None or value is True or value is False:
        return value
    kind = type(value)
    if kind is int or kind is str:
        return value
    if kind is float:
        return value if math.isfinite(value) else {"F": repr(value)}
    if kind is list:
        return {"L": [encode(item, to_handle, depth + 1) for item in value]}
    if kind is tuple:
        return {"T": [encode(item, to_handle, depth + 1) for item in value]}
    if kind is dict:
        return {"D": [[encode(k, to_handle, depth + 1), encode(v, to_handle, depth + 1)] for k, v in value.items()]}
    if kind is set:
        return {"S": [encode(item, to_handle, depth + 1) for item in value]}
    if kind is frozenset:
        return {"Z": [encode(item, to_handle, depth + 1) for item in value]}
    if kind is bytes:
        return {"B": base64.b64encode(value).decode("ascii")}
    if kind is bytearray:
        return {"Y": base64.b64encode(bytes(value)).decode("ascii")}
    if kind is complex:
        return {"C": [encode(value.real, to_handle, depth + 1), encode(value.imag, to_handle, depth + 1)]}
    if kind is MatchValue:
        return {"K": ["Match", {"string": encode(value.string, to_handle, depth + 1), "spans": [list(s) for s in value._spans],
                                "names": dict(value._names), "pos": value.pos, "endpos": value.endpos,
                                "lastindex": value.lastindex, "lastgroup": value.lastgroup}]}
    try:
        library = _library_value(value, kind, to_handle, depth)
        if library is not None:
            return {"K": library}
        base = _base_value(value, kind)
    except (TypeError, ValueError, AttributeError):
        base = None
    if base is not None:
        return encode(base, to_handle, depth + 1)
    return to_handle(value)


def _match_value(payload, from_handle, depth):
    match = MatchValue()
    match.string = decode(payload["string"], from_handle, depth + 1)
    spans = payload["spans"]
    if type(match.string) not in (str, bytes) or type(spans) is not list or not spans:
        raise ValueError("malformed match")
    match._spans = [tuple(span) for span in spans]
    if not all(len(span) == 2 and type(span[0]) is int and type(span[1]) is int for span in match._spans):
        raise ValueError("malformed match")
    names = payload["names"]
    if type(names) is not dict or not all(type(k) is str and type(v) is int for k, v in names.items()):
        raise ValueError("malformed match")
    match._names = dict(names)
    match.pos, match.endpos = int(payload["pos"]), int(payload["endpos"])
    lastindex, lastgroup = payload["lastindex"], payload["lastgroup"]
    match.lastindex = lastindex if type(lastindex) is int else None
    match.lastgroup = lastgroup if type(lastgroup) is str else None
    return match


def _namedtuple(typename, fields, items):
    import collections
    key = (typename, tuple(fields))
    kind = _namedtuple_classes.get(key)
    if kind is None:
        try:
            kind = collections.namedtuple(typename.rpartition(".")[2] or "namedtuple", fields)
        except (TypeError, ValueError):
            return tuple(items)
        _namedtuple_classes[key] = kind
    return kind(*items) if len(items) == len(fields) else tuple(items)


def _library_decode(name, payload, from_handle, depth):
    more = depth + 1
    if name in ("Counter", "OrderedDict", "defaultdict"):
        import collections
        factory, pairs = (payload[0], payload[1]) if name == "defaultdict" else (None, payload)
        items = [(decode(k, from_handle, more), decode(v, from_handle, more)) for k, v in pairs]
        if name == "Counter":
            return collections.Counter(dict(items))
        if name == "OrderedDict":
            return collections.OrderedDict(items)
        return collections.defaultdict(_FACTORIES.get(factory), items)
    if name == "deque":
        import collections
        maxlen = payload[0]
        return collections.deque([decode(item, from_handle, more) for item in payload[1]],
                                 maxlen if type(maxlen) is int else None)
    if name == "namedtuple":
        typename, fields, items = payload
        return _namedtuple(str(typename), [str(field) for field in fields], [decode(i, from_handle, more) for i in items])
    if name == "Match":
        return _match_value(payload, from_handle, depth)
    if name == "Decimal":
        import decimal
        return decimal.Decimal(str(payload))
    if name == "Fraction":
        import fractions
        return fractions.Fraction(int(payload[0]), int(payload[1]))
    if name in ("date", "datetime", "time", "timedelta"):
        import datetime
        return getattr(datetime, name)(*[int(part) for part in payload])
    if name == "range":
        return range(*[int(part) for part in payload])
    raise ValueError("unknown value kind")


def decode(value, from_handle, depth=0):
    if depth > _MAX_DEPTH:
        raise ValueError("value nested too deeply")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, dict) and len(value) == 1:
        (tag, payload), = value.items()
        if tag == "F":
            return float(payload)
        if tag == "H":
            return from_handle(payload)
        if tag == "B":
            return base64.b64decode(payload)
        if tag == "Y":
            return bytearray(base64.b64decode(payload))
        if tag == "K":
            return _library_decode(str(payload[0]), payload[1], from_handle, depth)
        items = [decode(item, from_handle, depth + 1) for item in payload] if tag != "D" else None
        if tag == "L":
            return items
        if tag == "T":
            return tuple(items)
        if tag == "S":
            return set(items)
        if tag == "Z":
            return frozenset(items)
        if tag == "C":
            return complex(items[0], items[1])
        if tag == "D":
            return {decode(k, from_handle, depth + 1): decode(v, from_handle, depth + 1) for k, v in payload}
    raise ValueError("malformed value")
