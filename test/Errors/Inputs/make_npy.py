"""Writes a version 1.0 .npy file with any header, for tests of bad files.

Usage: make_npy.py OUT DESCR SHAPE [DATA_BYTES] [--fortran]

SHAPE is a comma-separated list ("" for rank 0). The data is DATA_BYTES
zero bytes (default: what DESCR and SHAPE need), so a wrong count makes a
truncated or overlong file.
"""
import math
import struct
import sys

out, descr, shape_text = sys.argv[1:4]
rest = sys.argv[4:]
fortran = "--fortran" in rest
rest = [a for a in rest if a != "--fortran"]
shape = [int(d) for d in shape_text.split(",") if d]
item = int(descr[2:]) if descr[2:].isdigit() else 1
size = int(rest[0]) if rest else item * math.prod(shape)
dims = "".join(f"{d}, " for d in shape).rstrip(" ") if len(shape) > 1 else (
    f"{shape[0]}," if shape else "")
header = (f"{{'descr': '{descr}', 'fortran_order': {fortran}, "
          f"'shape': ({dims}), }}")
header += " " * (63 - (10 + len(header)) % 64) + "\n"
with open(out, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)))
    f.write(header.encode() + b"\0" * size)
