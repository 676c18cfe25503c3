# -*- Python -*-
# Runs every GoogleTest binary under build/unittests as part of check-loom.
import os

import lit.formats

config.name = "Loom-Unit"
config.suffixes = []
config.test_exec_root = os.path.join(config.loom_obj_root, "unittests")
config.test_source_root = config.test_exec_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
lit_config.load_config(
    config, os.path.join(config.loom_src_root, "test", "lit.sanitizers.py"))
