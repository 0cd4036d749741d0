#!/usr/bin/env python3
"""Copies botocore's API models of the services the emulator serves into src/BatchKit.Emulator/Validation/Models.

The emulator validates every JSON and REST-JSON request against the operation's input shape from these models
(types, required members, lengths, ranges, enums, patterns), as the services themselves do. The models are kept
whole (every operation, so an operation a provider gains is covered at once) minus their documentation strings,
gzipped. Run again after upgrading botocore (pip install -U botocore) and commit the result.
"""
import gzip
import json
import os
import sys

import botocore

SERVICES = {"s3": "2006-03-01", "ssm": "2014-11-06", "stepfunctions": "2016-11-23", "ecs": "2014-11-13",
            "events": "2015-10-07", "lambda": "2015-03-31", "dynamodb": "2012-08-10", "sqs": "2012-11-05", "sts": "2011-06-15",
            "sesv2": "2019-09-27", "logs": "2014-03-28"}
DROP = {"documentation", "documentationUrl", "examples", "deprecatedMessage"}


def strip(node):
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if k not in DROP}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    data = os.path.join(os.path.dirname(botocore.__file__), "data")
    out = os.path.join(os.path.dirname(__file__), "..", "src", "BatchKit.Emulator", "Validation", "Models")
    for service, version in SERVICES.items():
        with gzip.open(os.path.join(data, service, version, "service-2.json.gz"), "rt", encoding="utf-8") as f:
            model = strip(json.load(f))
        model["metadata"]["botocoreVersion"] = botocore.__version__
        target = os.path.join(out, f"{service}.json.gz")
        with gzip.GzipFile(target, "wb", mtime=0) as f:
            f.write(json.dumps(model, separators=(",", ":")).encode("utf-8"))  # member order as declared: errors are listed in it
        print(f"{service}: {len(model['operations'])} operations, {len(model['shapes'])} shapes -> {os.path.relpath(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
