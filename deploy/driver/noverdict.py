"""deploy/no-verdict.txt, read once: the resource types the emulator does not
support and the properties it drops. Nothing else in the driver names them."""

from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "no-verdict.txt"


def load(path=PATH):
    """({type: why}, {(type, property): why})."""
    types, properties = {}, {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        subject, why = (line.split(None, 1) + [""])[:2]
        kind, _, prop = subject.partition(".")
        if prop:
            properties[(kind, prop)] = why.strip()
        else:
            types[kind] = why.strip()
    return types, properties


TYPES, PROPERTIES = load()


def dropped(kind, prop):
    """Whether the emulator drops this property: a checker never compares it."""
    return (kind, prop) in PROPERTIES
