#!/usr/bin/python3
"""Validates an SBOM against the official JSON schema (Debian's python3-jsonschema).

usage: validate_sbom.py cyclonedx|spdx DOCUMENT
Schemas (test vectors, tests/vectors/sbom/):
  cyclonedx-1.5/: bom-1.5.schema.json, spdx.schema.json, jsf-0.82.schema.json from
    https://github.com/CycloneDX/specification/tree/e02a34ae42a48239f54e04f75280b9000b29f1fb/schema
  spdx-2.3/spdx-schema.json from
    https://github.com/spdx/spdx-spec/blob/ed8c9b520963b651fce3c86422b387e92e6d9a8f/schemas/spdx-schema.json
    (branch support/2.3)
Exit 0: valid; 1: invalid (each error printed); 2: cannot run (no jsonschema, bad args).
"""
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    print("validate_sbom.py: python3-jsonschema is not installed", file=sys.stderr)
    sys.exit(2)

# Debian 12's jsonschema 4.10.3 sorts the extra items when it words an
# additionalItems error, which raises TypeError for objects (CycloneDX's
# licenseChoice tuple branch meets a list of license objects inside a oneOf).
# Only the message is affected: word it without sorting (later jsonschema
# releases dropped the sort too).
def _extras_msg(extras):
    extras = list(extras)
    return ", ".join(repr(extra) for extra in extras), ("was" if len(extras) == 1 else "were")


jsonschema._utils.extras_msg = _extras_msg
jsonschema._validators.extras_msg = _extras_msg
try:
    import jsonschema._legacy_validators as _legacy
    _legacy.extras_msg = _extras_msg
except ImportError:
    pass

HERE = os.path.dirname(os.path.abspath(__file__))
VECTORS = os.path.join(HERE, "..", "..", "vectors", "sbom")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("cyclonedx", "spdx"):
        print(__doc__, file=sys.stderr)
        return 2
    kind, doc_path = sys.argv[1], sys.argv[2]
    doc = load(doc_path)
    if kind == "cyclonedx":
        base = os.path.join(VECTORS, "cyclonedx-1.5")
        schema = load(os.path.join(base, "bom-1.5.schema.json"))
        # The schema refers to its siblings by relative name; resolve them from disk.
        store = {}
        for name in ("bom-1.5.schema.json", "spdx.schema.json", "jsf-0.82.schema.json"):
            s = load(os.path.join(base, name))
            store["http://cyclonedx.org/schema/" + name] = s
            if "$id" in s:
                store[s["$id"]] = s
        resolver = jsonschema.RefResolver(base_uri=schema["$id"], referrer=schema, store=store)
    else:
        schema = load(os.path.join(VECTORS, "spdx-2.3", "spdx-schema.json"))
        resolver = None
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        print("%s: %s: %s" % (doc_path, "/".join(str(p) for p in e.absolute_path), e.message), file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
