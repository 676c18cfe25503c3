"""Checks loomc-checkpoint.mlir's inference against training.

argv: the output of one training step resumed from a checkpoint, of --run
with that checkpoint, and of --run without it. The loss the step reports
(before its update) must be the value --run computes with the checkpoint's
weights (to f32 rounding of the printed digits), and differ from the value
with the initial weights, so the checkpoint was really used.
"""
import re
import sys


def first_float(path, pattern):
    with open(path) as f:
        match = re.search(pattern, f.read())
    if not match:
        sys.exit(f"{path}: no match for {pattern}")
    return float(match.group(1))


number = r"([-+0-9.eE]+)"
step_loss = first_float(sys.argv[1], r"step \d+ loss " + number)
trained = first_float(sys.argv[2], r"values: \[" + number + r"\]")
untrained = first_float(sys.argv[3], r"values: \[" + number + r"\]")
if abs(step_loss - trained) > 1e-5 * abs(step_loss) + 1e-9:
    sys.exit(f"--run --load gives {trained}, the training step {step_loss}")
if abs(untrained - trained) <= 1e-5 * abs(trained):
    sys.exit(f"--run gives {untrained} with and without the checkpoint")
print(f"loss {step_loss} = {trained} (untrained {untrained})")
