"""The JSON Schemas of schemas/ for the shell tests: validator(name) checks a
document of command `name` with every $ref of the folder resolved.
Usage from a test's Python: sys.path.insert(0, TESTS_CLI); from schemas import
load, validator, invalid."""
import glob
import json
import os
import warnings

warnings.simplefilter("ignore", DeprecationWarning)  # RefResolver: in Debian 12's jsonschema 4.10 and later
import jsonschema  # noqa: E402

_store = {}


def load(sdir):
    """Reads and checks every schema of the folder sdir."""
    for f in glob.glob(os.path.join(sdir, "*.json")):
        s = json.load(open(f))
        jsonschema.Draft202012Validator.check_schema(s)
        _store[s["$id"]] = s


def validator(name):
    s = _store["https://nessgen.invalid/schema/0.2/%s.json" % name]
    return jsonschema.Draft202012Validator(s, resolver=jsonschema.RefResolver.from_schema(s, store=_store))


def invalid(name, d):
    return any(True for _ in validator(name).iter_errors(d))
