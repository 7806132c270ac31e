"""A CloudFormation template as the judge reads it: parameters, conditions and
the intrinsic functions, resolved against a deployed stack.

The judge compares what the emulator kept with what the template declares,
so it needs the declared values in their final form: `{"Ref": "Jobs"}` is the
queue's URL, `{"Fn::GetAtt": ["Jobs", "Arn"]}` its ARN, `Fn::If` the branch
the stack's parameters choose. Only what the golden templates use is
supported; anything else raises `Unresolved`, and the property it sits in is
reported as not compared, never as equal.
"""

import json
import re
from pathlib import Path


class Unresolved(Exception):
    """A value the judge cannot compute (an unsupported intrinsic or attribute)."""


class NoValue:
    """`{"Ref": "AWS::NoValue"}`: the property or list element is removed."""

    def __repr__(self):
        return "AWS::NoValue"


NO_VALUE = NoValue()


class Template:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.name[: -len(".json")]
        self.text = path.read_text()
        self.body = json.loads(self.text)
        self.parameters = self.body.get("Parameters", {})
        self.conditions = self.body.get("Conditions", {})
        self.resources = self.body.get("Resources", {})
        self.outputs = self.body.get("Outputs", {})
        self.metadata = self.body.get("Metadata", {})

    def parameter_values(self, overrides: dict) -> dict:
        """Every parameter's value as CloudFormation sees it: the override,
        else the default. A name the template does not declare, or a
        parameter with neither, is an error of the parameter set."""
        unknown = sorted(set(overrides) - set(self.parameters))
        if unknown:
            raise ValueError(f"parameter set names {', '.join(unknown)}, which {self.name} does not declare")
        values = {}
        for name, declaration in self.parameters.items():
            if name in overrides:
                values[name] = str(overrides[name])
            elif "Default" in declaration:
                values[name] = str(declaration["Default"])
            else:
                raise ValueError(f"parameter {name} has no default and the parameter set gives no value")
        return values

    def resources_of(self, type_name: str) -> dict:
        return {k: v for k, v in self.resources.items() if v.get("Type") == type_name}


class Context:
    """One deployed stack of a template: parameter values, evaluated
    conditions, physical IDs, and a way to read attributes."""

    def __init__(self, template: Template, parameters: dict, *, stack_name: str, stack_id: str = "",
                 account: str = "000000000000", region: str = "us-east-1"):
        self.template = template
        self.stack_name = stack_name
        self.stack_id = stack_id
        self.account = account
        self.region = region
        self.parameters = {}
        for name, value in parameters.items():
            kind = template.parameters[name].get("Type", "String")
            self.parameters[name] = [p.strip() for p in value.split(",")] if kind == "CommaDelimitedList" or kind.startswith("List<") else value
        self._conditions = {}
        self.physical = {}  # logical ID -> physical ID, filled once the stack exists
        self.get_att = None  # (logical, type, physical, attribute) -> value, set by the caller

    # --- conditions -------------------------------------------------------

    def condition(self, name: str) -> bool:
        if name not in self._conditions:
            if name not in self.template.conditions:
                raise Unresolved(f"no condition {name}")
            self._conditions[name] = None  # a cycle resolves to an error below
            self._conditions[name] = bool(self._condition_value(self.template.conditions[name]))
        if self._conditions[name] is None:
            raise Unresolved(f"condition {name} refers to itself")
        return self._conditions[name]

    def _condition_value(self, node):
        if isinstance(node, dict) and len(node) == 1:
            (key, arg), = node.items()
            if key == "Condition":
                return self.condition(arg)
            if key == "Fn::Equals":
                a, b = (self.resolve(x) for x in arg)
                return str(a) == str(b) if not isinstance(a, list) else a == b
            if key == "Fn::Not":
                return not self._condition_value(arg[0])
            if key == "Fn::And":
                return all(self._condition_value(x) for x in arg)
            if key == "Fn::Or":
                return any(self._condition_value(x) for x in arg)
        return self.resolve(node)

    def active(self, logical: str) -> bool:
        """Whether the resource (or output) exists with these parameters."""
        node = self.template.resources.get(logical) or self.template.outputs.get(logical) or {}
        name = node.get("Condition")
        return True if name is None else self.condition(name)

    def active_resources(self, type_name: str | None = None) -> dict:
        return {k: v for k, v in self.template.resources.items()
                if (type_name is None or v.get("Type") == type_name) and self.active(k)}

    # --- values -----------------------------------------------------------

    def pseudo(self, name: str):
        values = {
            "AWS::StackName": self.stack_name,
            "AWS::StackId": self.stack_id,
            "AWS::Region": self.region,
            "AWS::AccountId": self.account,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NoValue": NO_VALUE,
        }
        if name not in values:
            raise Unresolved(f"pseudo parameter {name}")
        return values[name]

    def ref(self, name: str):
        if name.startswith("AWS::"):
            return self.pseudo(name)
        if name in self.parameters:
            return self.parameters[name]
        if name in self.physical:
            return self.physical[name]
        raise Unresolved(f"Ref {name}: not a parameter, nor a resource of the stack")

    def attribute(self, logical: str, attribute: str):
        if logical not in self.physical:
            raise Unresolved(f"GetAtt {logical}.{attribute}: no such resource in the stack")
        if self.get_att is None:
            raise Unresolved(f"GetAtt {logical}.{attribute}")
        kind = self.template.resources.get(logical, {}).get("Type", "")
        return self.get_att(logical, kind, self.physical[logical], attribute)

    def resolve(self, node):
        """The value of a template node with every intrinsic function applied;
        `NO_VALUE` removes keys and list elements."""
        if isinstance(node, list):
            return [v for v in (self.resolve(x) for x in node) if v is not NO_VALUE]
        if not isinstance(node, dict):
            return node
        if len(node) == 1:
            (key, arg), = node.items()
            if key == "Ref":
                return self.ref(arg)
            if key == "Fn::GetAtt":
                logical, attribute = arg.split(".", 1) if isinstance(arg, str) else arg
                return self.attribute(logical, self.resolve(attribute))
            if key == "Fn::Sub":
                return self._sub(arg)
            if key == "Fn::Join":
                separator, items = arg
                return separator.join(str(x) for x in self.resolve(items))
            if key == "Fn::Select":
                index, items = self.resolve(arg)
                return items[int(index)]
            if key == "Fn::Split":
                separator, text = self.resolve(arg)
                return text.split(separator)
            if key == "Fn::If":
                name, then, otherwise = arg
                return self.resolve(then if self.condition(name) else otherwise)
            if key == "Fn::FindInMap":
                mapping, first, second = (self.resolve(x) for x in arg)
                return self.resolve(self.template.body["Mappings"][mapping][first][second])
            if key == "Fn::ToJsonString":
                return json.dumps(self.resolve(arg), separators=(",", ":"))
            if key.startswith("Fn::") or key == "Condition":
                raise Unresolved(key)
        return {k: v for k, v in ((k, self.resolve(v)) for k, v in node.items()) if v is not NO_VALUE}

    def _sub(self, arg):
        text, variables = (arg, {}) if isinstance(arg, str) else (arg[0], self.resolve(arg[1]))

        def replace(match):
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"
            if name in variables:
                return str(variables[name])
            if "." in name and not name.startswith("AWS::"):
                logical, attribute = name.split(".", 1)
                return str(self.attribute(logical, attribute))
            return str(self.ref(name))

        return re.sub(r"\$\{([^}]+)\}", replace, text)

    def try_resolve(self, node):
        """(value, None), or (None, reason) when the judge cannot compute it."""
        try:
            return self.resolve(node), None
        except Unresolved as error:
            return None, str(error)
