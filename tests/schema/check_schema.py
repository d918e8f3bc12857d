#!/usr/bin/python3
"""Checks docs/challenge.schema.json against the challenges of the repository.

    /usr/bin/python3 tests/schema/check_schema.py docs/challenge.schema.json . [PYJUDGE]

Needs Debian's python3-jsonschema and python3-yaml. Every challenge.yaml under challenges/
and tests/fixtures/challenges/ must be valid; every tests/schema/bad/*.yaml must be invalid,
with an error message containing the text after `# error: ` on its first line. Given the
pyjudge binary, the scaffolds `pyjudge new` writes for every kind must be valid too.
YAML is read as YAML 1.2 (core schema), like the judge and yaml-language-server do: `yes`
and `on` are text, `012` is twelve, there are no dates; duplicate keys are errors.
Exits 0 when every file behaves as expected, else prints what went wrong and exits 1.
"""

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import yaml
from yaml.constructor import ConstructorError

# ---------------------------------------------------------------- YAML 1.2 core schema


class CoreLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars, string keys and no duplicate keys."""


CoreLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag.rsplit(":", 1)[-1] not in ("bool", "int", "float", "timestamp", "value")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"))
CoreLoader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
               r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _int(loader, node):
    v = loader.construct_scalar(node)
    if v.startswith("0o"):
        return int(v[2:], 8)
    if v.startswith("0x"):
        return int(v[2:], 16)
    return int(v, 10)


def _float(loader, node):
    v = loader.construct_scalar(node).lower()
    if v.endswith(".inf"):
        return float("-inf") if v.startswith("-") else float("inf")
    if v == ".nan":
        return float("nan")
    return float(v)


def _bool(loader, node):
    return loader.construct_scalar(node).lower() == "true"


def _mapping(loader, node):
    loader.flatten_mapping(node)
    out = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise ConstructorError(None, None, "keys must be plain words", key_node.start_mark)
        key = key_node.value
        if key in out:
            raise ConstructorError(None, None, f"duplicate key `{key}`", key_node.start_mark)
        out[key] = loader.construct_object(value_node, deep=True)
    return out


CoreLoader.add_constructor("tag:yaml.org,2002:int", _int)
CoreLoader.add_constructor("tag:yaml.org,2002:float", _float)
CoreLoader.add_constructor("tag:yaml.org,2002:bool", _bool)
CoreLoader.add_constructor("tag:yaml.org,2002:map", _mapping)


def load(path):
    """Returns (data, root node); raises yaml.YAMLError."""
    loader = CoreLoader(path.read_text(encoding="utf-8"))
    try:
        node = loader.get_single_node()
        return loader.construct_document(node), node
    finally:
        loader.dispose()


def where(node, path):
    """line:col of the YAML node at a JSON path (as far down as it goes)."""
    for step in path:
        if isinstance(node, yaml.MappingNode):
            found = [v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == step]
            if not found:
                break
            node = found[0]
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    if node is None:
        return "1:1"
    return f"{node.start_mark.line + 1}:{node.start_mark.column + 1}"


# ---------------------------------------------------------------- checking


def messages(error):
    """The error's message and, for anyOf/oneOf, those of the alternatives, recursively."""
    yield error.message
    for sub in error.context or ():
        yield from messages(sub)


def errors_of(validator, path):
    """Every problem with a file, as 'line:col: message' texts (and all messages, for matching)."""
    try:
        data, node = load(path)
    except yaml.YAMLError as e:
        return [f"YAML: {e}".replace("\n", " ")], [str(e)]
    shown, every = [], []
    for err in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path))):
        at = "/".join(map(str, err.absolute_path)) or "(top)"
        alts = list(messages(err))[1:]
        detail = f" [{'; '.join(dict.fromkeys(alts))}]" if alts else ""
        shown.append(f"{where(node, err.absolute_path)}: at {at}: {err.message}{detail}")
        every.extend(messages(err))
    return shown, every


def main(argv):
    if len(argv) not in (3, 4):
        print(f"usage: {argv[0]} SCHEMA REPO_ROOT [PYJUDGE]", file=sys.stderr)
        return 2
    schema_path, root = Path(argv[1]), Path(argv[2])
    scaffolds = tempfile.TemporaryDirectory()
    if len(argv) == 4:
        for kind in ("function", "class", "generator", "script", "program"):
            subprocess.run([argv[3], "new", f"new-{kind}", "--kind", kind, "--dir", scaffolds.name],
                           check=True, stdout=subprocess.DEVNULL)
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    good = sorted(p for d in ("challenges", "tests/fixtures/challenges")
                  for p in (root / d).rglob("challenge.yaml"))
    good += sorted(Path(scaffolds.name).rglob("challenge.yaml"))
    bad = sorted((root / "tests/schema/bad").glob("*.yaml"))
    if not good or not bad:
        print(f"found {len(good)} challenge.yaml and {len(bad)} bad files under {root}: expected some of each")
        return 1
    passed = failed = 0

    for path in good:
        name = path.relative_to(root) if path.is_relative_to(root) else path
        shown, _ = errors_of(validator, path)
        if shown:
            failed += 1
            print(f"FAIL {name}: must be valid, but")
            for s in shown[:20]:
                print(f"    {name}:{s}")
            if len(shown) > 20:
                print(f"    ... and {len(shown) - 20} more")
        else:
            passed += 1
            print(f"ok   {name}")

    for path in bad:
        first = path.read_text(encoding="utf-8").splitlines()[:1]
        m = re.match(r"#\s*error:\s*(.+?)\s*$", first[0]) if first else None
        if not m:
            failed += 1
            print(f"FAIL {path.relative_to(root)}: first line must be `# error: <text of the message>`")
            continue
        want = m.group(1)
        shown, every = errors_of(validator, path)
        if not shown:
            failed += 1
            print(f"FAIL {path.relative_to(root)}: must be invalid ({want}), but the schema accepts it")
        elif not any(want in msg for msg in every):
            failed += 1
            print(f"FAIL {path.relative_to(root)}: invalid, but no error message contains `{want}`:")
            for s in shown:
                print(f"    {path.relative_to(root)}:{s}")
        else:
            passed += 1
            print(f"ok   {path.relative_to(root)} (rejected: {shown[0]})")

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
