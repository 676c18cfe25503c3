#!/usr/bin/env python3
"""Fails when a Loom library links or includes a layer above it.

Run by CMake at configure time (the top-level CMakeLists.txt), which fails on
a violation, and by the lit test test/Layering.

The layers and what each may use are docs/architecture.md's "Layers". A
library's layer is the directory it is defined in (lib/<Layer>/...,
lib/Dialect/Loom/IR is Dialect, lib/Dialect/Loom/Transforms is Transforms); a
header's layer is its path under include/loom the same way. Checked:

- the link graph CMake configured (every loom_library's LINK_LIBRARIES, written
  by the top-level CMakeLists.txt to the file given as the second argument);
- every `#include "loom/..."` of lib/<Layer>/** and include/loom/<Layer>/**.

Usage: check_layering.py <source root> <link graph file>
"""
import os
import re
import sys

# What each layer may use directly; uses are transitive (Codegen may use
# Dialect because it may use Transforms, which may use Dialect).
ALLOWED = {
    "Support": [],
    "Dialect": ["Support"],
    "Transforms": ["Dialect"],
    "Conversion": ["Dialect"],
    "Reference": ["Dialect"],
    "Codegen": ["Transforms", "Conversion"],
    "Pipelines": ["Codegen"],
    "Target": ["Pipelines"],
    # Registers every dialect, pass and pipeline: the compiler's front door.
    "InitAll": ["Target"],
    "Runtime": ["Support"],
    "Compiler": ["InitAll", "Runtime"],
    "DSL": ["Dialect"],
    "Models": ["DSL"],
    "Data": ["Runtime"],
    "Training": ["DSL", "Compiler", "Data"],
    # Model-specific training setups, above both the model zoo and Training.
    "ModelTraining": ["Models", "Training"],
}

# Upward uses still to be removed (none now). Each entry must still be a
# violation: the check fails once it is fixed, so the entry goes.
KNOWN_VIOLATIONS = set()


def closure():
    reach = {}

    def visit(layer):
        if layer not in reach:
            reach[layer] = set()
            for used in ALLOWED[layer]:
                reach[layer] |= {used} | visit(used)
        return reach[layer]

    for layer in ALLOWED:
        visit(layer)
    return reach


def layer_of(parts):
    """The layer of a path below lib/ or include/loom/, as a list of parts."""
    if parts[:3] == ["Dialect", "Loom", "Transforms"]:
        return "Transforms"
    if parts[0] == "InitAll.h":
        return "InitAll"
    return parts[0]


def main(source_root, link_graph):
    reach = closure()
    problems = []
    seen_known = set()

    def check(kind, who, user, used, what):
        if used == user or used in reach.get(user, ()):
            return
        if (kind, who, used) in KNOWN_VIOLATIONS:
            seen_known.add((kind, who, used))
            return
        problems.append(f"{what}: {user} may not use {used}")

    def known_layer(layer, what):
        if layer in ALLOWED:
            return True
        problems.append(f"{what}: layer '{layer}' is not in the layer table "
                        "(cmake/check_layering.py, docs/architecture.md)")
        return False

    libraries = {}
    with open(link_graph) as graph:
        for line in graph:
            name, directory, links = line.rstrip("\n").split("\t")
            relative = os.path.relpath(directory, os.path.join(source_root, "lib"))
            # Libraries of tools, examples and benchmarks sit above every layer.
            layer = None if relative.startswith("..") else layer_of(relative.split(os.sep))
            libraries[name] = (layer, links.split(";"))
    for name, (layer, links) in sorted(libraries.items()):
        if layer is None or not known_layer(layer, f"library {name}"):
            continue
        for link in links:
            link = re.sub(r"^\$<LINK_ONLY:(.*)>$", r"\1", link)
            if link in libraries and libraries[link][0] is not None:
                check("link", name, layer, libraries[link][0],
                      f"{name} ({layer}) links {link}")

    include = re.compile(r'^\s*#\s*include\s+"loom/([^"]+)"')
    for top in ("lib", os.path.join("include", "loom")):
        base = os.path.join(source_root, top)
        for directory, _, files in os.walk(base):
            for file in files:
                if not file.endswith((".h", ".cpp", ".td")):
                    continue
                path = os.path.join(directory, file)
                relative = os.path.relpath(path, base)
                layer = layer_of(relative.split(os.sep))
                if not known_layer(layer, os.path.join(top, relative)):
                    continue
                with open(path, errors="replace") as source:
                    for number, text in enumerate(source, 1):
                        match = include.match(text)
                        if not match:
                            continue
                        used = layer_of(match.group(1).split("/"))
                        where = f"{os.path.join(top, relative)}:{number}"
                        if known_layer(used, where):
                            check("include", relative, layer, used,
                                  f"{where} includes loom/{match.group(1)}")

    for entry in sorted(KNOWN_VIOLATIONS - seen_known):
        problems.append(f"known violation {entry} is gone: remove it from "
                        "KNOWN_VIOLATIONS")
    for problem in problems:
        print(f"layering: {problem}")
    if problems:
        return 1
    layered = sum(layer is not None for layer, _ in libraries.values())
    print(f"layering: {layered} libraries follow the layer order")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
