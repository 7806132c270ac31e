"""deploy/no-verdict.txt, read once: the resource types the emulator does not
support, the properties it drops, and the types it cannot create offline.
Nothing else in the driver names them."""

from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "no-verdict.txt"


def load(path=PATH):
    """({type: why}, {(type, property): why}, {subject: why}): unsupported
    types, dropped properties, and what a stack is never created with
    (lines `not-created TYPE why` and `not-created TYPE.Property why`)."""
    types, properties, not_created = {}, {}, {}
    for line in path.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        subject, why = (line.split(None, 1) + [""])[:2]
        if subject == "not-created":
            kind, why = (why.split(None, 1) + [""])[:2]
            not_created[kind] = why.strip()
            continue
        kind, _, prop = subject.partition(".")
        if prop:
            properties[(kind, prop)] = why.strip()
        else:
            types[kind] = why.strip()
    return types, properties, not_created


TYPES, PROPERTIES, NOT_CREATED = load()


def dropped(kind, prop):
    """Whether the emulator drops this property: a checker never compares it."""
    return (kind, prop) in PROPERTIES


def blocking(resource):
    """What of `resource` keeps its stack from being created offline: its
    type, or its type and a property it declares, as NOT_CREATED names them."""
    kind = resource["Type"]
    subjects = [kind] + [f"{kind}.{prop}" for prop in resource.get("Properties", {})]
    return [subject for subject in subjects if subject in NOT_CREATED]
