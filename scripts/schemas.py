#!/usr/bin/env python3
"""Writes Sources/CFormworkSchemas/schemas.data: the CloudFormation resource
provider schemas as the pinned cfn-lint ships them (us-east-1, patches
applied), reduced to what Formwork checks (docs/architecture.md, "Resource
schemas").

    python3 scripts/schemas.py          # rewrite the data file
    python3 scripts/schemas.py --check  # fail when it would change

The file is text, one line per record, so that it is read without parsing
what a compile does not use:

    formwork-schemas 1 <source> <N>           header
    <N index lines>                          type name, space-padded to W,
                                             10-digit offset, 8-digit length
    records                                  each a block of lines:
      {root}                                 the type's record (below)
      /<property name> {schema}              one per top-level property and
      <definition name> {schema}             one per definition, sorted together

A root record holds "p" (the top-level property names), "r" (required), "ro", "co", "wo"
(read-, create-, write-only property names, top level only), "pi" (primary
identifier), "a" (Fn::GetAtt names), "tg" (tagging: "p" the tag property, "s"
"list" or "map"; absent when the type cannot be tagged). A schema keeps
type, enum, const, pattern, minimum, maximum, exclusiveMinimum,
exclusiveMaximum, minLength, maxLength, minItems, maxItems, items,
prefixItems, properties, required, additionalProperties, patternProperties, anyOf, oneOf,
allOf, and "$ref" as a bare definition name. Keys are sorted and the output
is the same bytes on every run.
"""
import json
import os
import sys

REGION = "us-east-1"
OUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "CFormworkSchemas", "schemas.data")
KEEP = {
    "type", "enum", "const", "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
    "minLength", "maxLength", "minItems", "maxItems", "items", "prefixItems", "properties", "required",
    "additionalProperties", "patternProperties", "anyOf", "oneOf", "allOf", "$ref",
}


def pointer(document, path):
    """The value at a JSON pointer ("#/a/b") of document."""
    node = document
    for part in path.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def reduce(node, document, seen=()):
    """The schema node with only the kept keys; refs to a whole definition
    stay refs (resolved lazily at run time, so recursion is fine), any other
    ref is inlined."""
    if isinstance(node, list):
        return [reduce(item, document, seen) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key not in KEEP:
            continue
        if key == "$ref":
            parts = value.lstrip("#/").split("/")
            if len(parts) == 2 and parts[0] == "definitions":
                out["$ref"] = parts[1]
            elif value in seen:
                continue  # a recursive inlined ref: accept anything below it
            else:
                out.update(reduce(pointer(document, value), document, seen + (value,)))
        elif key in ("properties", "patternProperties"):
            out[key] = {name: reduce(sub, document, seen) for name, sub in value.items()}
        elif key in ("items", "prefixItems", "additionalProperties", "anyOf", "oneOf", "allOf"):
            out[key] = reduce(value, document, seen)
        else:
            out[key] = value
    return out


def names(document, key):
    return sorted({p.split("/")[2] for p in document.get(key, []) if p.startswith("/properties/")})


def tagging(document):
    tags = document.get("tagging", {})
    if not tags.get("taggable", False):
        return None
    prop = tags.get("tagProperty", "/properties/Tags").split("/")[-1]
    schema = document.get("properties", {}).get(prop)
    if schema is None:
        return None
    while "$ref" in schema:
        schema = pointer(document, schema["$ref"])
    kinds = schema.get("type", "array")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {"p": prop, "s": "list" if "array" in kinds else "map"}


def record(schema):
    document = schema.schema
    properties = document.get("properties", {})
    root = {
        "p": sorted(properties),
        "r": sorted(document.get("required", [])),
        "ro": names(document, "readOnlyProperties"),
        "co": names(document, "createOnlyProperties"),
        "wo": names(document, "writeOnlyProperties"),
        "pi": [p.split("/", 2)[2] for p in document.get("primaryIdentifier", [])],
        "a": sorted(schema.get_atts),
    }
    tags = tagging(document)
    if tags:
        root["tg"] = tags
    if document.get("additionalProperties", True) is not False:
        root["x"] = True  # properties outside "p" are allowed
    lines = [dump(root)]
    entries = [("/" + name, reduce(sub, document)) for name, sub in properties.items()]
    entries += [(name, reduce(sub, document)) for name, sub in document.get("definitions", {}).items()]
    for name, node in sorted(entries):
        if " " in name or "\n" in name:
            raise SystemExit(f"{schema.type_name}: property or definition name {name!r} has a space")
        lines.append(name + " " + dump(node))
    return "\n".join(lines) + "\n"


def dump(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def generate():
    from cfnlint.version import __version__
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER as manager

    types = sorted(manager.get_resource_types(REGION))
    records = [record(manager.get_resource_schema(REGION, name)).encode() for name in types]
    width = max(len(name) for name in types)
    header = f"formwork-schemas 1 cfn-lint-{__version__}-{REGION} {len(types)} {width}\n".encode()
    index_size = len(types) * (width + 1 + 10 + 1 + 8 + 1)
    offset = len(header) + index_size
    index = []
    for name, body in zip(types, records):
        index.append(f"{name.ljust(width)} {offset:010d} {len(body):08d}\n".encode())
        offset += len(body)
    return header + b"".join(index) + b"".join(records)


def main():
    data = generate()
    if "--check" in sys.argv[1:]:
        with open(OUT, "rb") as f:
            if f.read() != data:
                raise SystemExit(f"{OUT} is not what scripts/schemas.py writes: run make schemas")
        print(f"schemas: {OUT} is up to date ({len(data):,} bytes)")
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "wb") as f:
        f.write(data)
    print(f"schemas: wrote {OUT} ({len(data):,} bytes)")


if __name__ == "__main__":
    main()
