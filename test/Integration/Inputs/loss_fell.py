"""Checks model-round-trip.test's inference against the untrained model.

argv: the output of `loomc --run --load=CKPT` and of `loomc --run`, both on
the stand-in batch the checkpoint was trained on. The result named `loss`
must be lower with the trained weights.
"""
import re
import sys


def loss(path):
    with open(path) as f:
        values = re.findall(r"^result #\d+ loss: tensor<f\d+>.*\n\s*values: \[([-+0-9.eE]+)\]",
                            f.read(), re.MULTILINE)
    if len(values) != 1:
        sys.exit(f"{path}: expected one scalar result named 'loss'")
    return float(values[0])


trained, untrained = loss(sys.argv[1]), loss(sys.argv[2])
if not trained < untrained:
    sys.exit(f"trained loss {trained} is not below the untrained {untrained}")
print(f"loss {untrained} -> {trained}")
