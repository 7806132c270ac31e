"""Verdicts and how they print.

Every check prints one line, PASS, FAIL or NO VERDICT, naming its case
(a template and its parameter set). The closing line counts them:
`N passed, N failed, N skipped`, where a skip is a no-verdict line.
"""

import sys


class Verdicts:
    def __init__(self, out=sys.stdout):
        self.out = out
        self.passed = 0
        self.failed = 0
        self.skipped = 0
        self.failures = []  # (case, text), for the summary at the end
        self.no_verdicts = []  # (case, text, key): key is a type or Type.Property

    def line(self, text):
        print(text, file=self.out, flush=True)

    def record(self, result, case):
        kind, text = result.kind, result.text
        if kind == "pass":
            self.passed += 1
            self.line(f"PASS {case}: {text}")
        elif kind == "fail":
            self.failed += 1
            self.failures.append((case, text))
            self.line(f"FAIL {case}: {text}")
        else:
            self.skipped += 1
            self.no_verdicts.append((case, text, result.key))
            self.line(f"NO VERDICT {case}: {text}")

    def closing(self):
        return f"{self.passed} passed, {self.failed} failed, {self.skipped} skipped"


class Result:
    __slots__ = ("kind", "text", "key")

    def __init__(self, kind, text, key=None):
        self.kind, self.text, self.key = kind, text, key

    def __repr__(self):
        return f"{self.kind.upper()}: {self.text}"


def passed(text):
    return Result("pass", text)


def failed(text):
    return Result("fail", text)


def no_verdict(text, key):
    return Result("skip", text, key)


class Comparison:
    """The properties of one resource compared with what the emulator kept:
    one verdict line, listing what matched, what did not, and what could not
    be compared (the judge could not compute the declared value)."""

    def __init__(self, subject):
        self.subject = subject
        self.matched = []
        self.mismatched = []
        self.uncompared = []

    def expect(self, name, declared, kept):
        if declared == kept:
            self.matched.append(name)
        else:
            self.mismatched.append(f"{name}: declared {short(declared)}, emulator has {short(kept)}")

    def fail(self, text):
        self.mismatched.append(text)

    def ok(self, name):
        self.matched.append(name)

    def cannot(self, name, reason):
        self.uncompared.append(f"{name} ({reason})")

    def result(self):
        if self.mismatched:
            return failed(f"{self.subject}: " + "; ".join(self.mismatched))
        text = f"{self.subject}: " + (", ".join(self.matched) if self.matched else "exists")
        if self.uncompared:
            text += "; not compared: " + ", ".join(self.uncompared)
        return passed(text)


def short(value, limit=160):
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= limit else text[: limit - 1] + "…"
