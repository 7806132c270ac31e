#!/usr/bin/env python3
"""Validates spec files against `formwork schema` output, as an editor's
yaml-language-server would: python3 validate.py SCHEMA.json SPEC.yaml...
Prints one line per spec, `ok PATH` or `invalid PATH: JSON-PATH: MESSAGE`
(the first error, deepest first). PyYAML reads YAML 1.1, as libyaml does."""
import json
import sys

import jsonschema
import yaml


def main():
    with open(sys.argv[1]) as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sys.argv[2:]:
        try:
            with open(path) as f:
                document = yaml.safe_load(f)
        except yaml.YAMLError as error:
            print(f"unreadable {path}: {str(error).splitlines()[0]}")
            continue
        errors = sorted(validator.iter_errors(document), key=lambda e: -len(e.absolute_path))
        if errors:
            where = "/".join(str(p) for p in errors[0].absolute_path)
            print(f"invalid {path}: /{where}: {errors[0].message[:200]}")
        else:
            print(f"ok {path}")


if __name__ == "__main__":
    main()
