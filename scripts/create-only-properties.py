"""Derives the emulator's replacement rules from AWS's resource provider schemas, as cfn-lint ships them.

A property listed in a type's createOnlyProperties cannot change without replacing the resource ("Always");
a create-only path nested under a top-level property means some changes to that property replace it
("Conditionally"). Run with cfn-lint installed:  python3 scripts/create-only-properties.py
"""
import glob
import json
import os

import cfnlint

SCHEMAS = os.path.join(os.path.dirname(cfnlint.__file__), "data", "schemas", "resources")
OUT = os.path.join(os.path.dirname(__file__), "..", "emulator", "data", "replacement-rules.json")

rules = {}
for path in sorted(glob.glob(os.path.join(SCHEMAS, "*.json"))):
    with open(path) as f:
        schema = json.load(f)
    type_name = schema.get("typeName")
    if not type_name or not type_name.startswith("AWS::"):
        continue
    found = {}
    for pointer in schema.get("createOnlyProperties", []):
        parts = pointer.split("/")
        if len(parts) < 3 or parts[1] != "properties":
            continue
        name = parts[2]
        if len(parts) == 3:
            found[name] = "Always"
        else:
            found.setdefault(name, "Conditionally")
    if found:
        rules[type_name] = dict(sorted(found.items()))

with open(OUT, "w") as f:
    json.dump(dict(sorted(rules.items())), f, indent=0, separators=(",", ":"))
    f.write("\n")
print(f"{len(rules)} resource types written to {os.path.relpath(OUT)}")
