"""Validates JSON documents (or YAML specs, `*.yaml`/`*.yml`) against a JSON
Schema, with the pinned jsonschema and PyYAML (scripts/jsonschema-requirements.txt,
installed by `make jsonschema-dep`).

    validate-json.py SCHEMA FILE...

Prints each document's errors (path in the document, message) and exits 1
when any document fails, 2 when the schema itself is invalid or a file
cannot be read, 0 when every document is valid."""

import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        validator_class = jsonschema.validators.validator_for(schema)
        validator_class.check_schema(schema)
    except (OSError, ValueError, jsonschema.SchemaError) as error:
        print(f"{argv[1]}: bad schema: {error}", file=sys.stderr)
        return 2
    validator = validator_class(schema)
    failed = 0
    for path in argv[2:]:
        try:
            with open(path, encoding="utf-8") as f:
                if path.endswith((".yaml", ".yml")):
                    # A spec, read as YAML 1.1 (as libyaml and yaml-language-server's older mode read it).
                    import yaml
                    document = yaml.safe_load(f)
                else:
                    document = json.load(f)
        except (OSError, ValueError) as error:
            print(f"{path}: cannot read: {error}", file=sys.stderr)
            return 2
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path)
            print(f"{path}: /{where}: {error.message}")
        failed += bool(errors)
    print(f"{len(argv) - 2 - failed} valid, {failed} invalid against {argv[1]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
