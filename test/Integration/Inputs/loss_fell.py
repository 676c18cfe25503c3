"""Checks model-round-trip.test's inference against the untrained model.

argv: the output of `loomc --run --load=CKPT` and of `loomc --run`, both on
the stand-in batch the checkpoint was trained on. The entry's last result is
its loss; with the trained weights it must be lower.
"""
import re
import sys


def last_loss(path):
    with open(path) as f:
        values = re.findall(r"values: \[([-+0-9.eE]+)\]", f.read())
    if not values:
        sys.exit(f"{path}: no scalar result")
    return float(values[-1])


trained, untrained = last_loss(sys.argv[1]), last_loss(sys.argv[2])
if not trained < untrained:
    sys.exit(f"trained loss {trained} is not below the untrained {untrained}")
print(f"loss {untrained} -> {trained}")
