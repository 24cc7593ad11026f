# lit configuration of the memreview test suite.
import os
import lit.formats

config.name = "memreview"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".cpp", ".c", ".test"]
config.excludes = ["Inputs", "lit.cfg.py", "check_memreview.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.memreview_obj_root, "test")

config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, os.path.dirname(config.memreview_driver),
     config.environment.get("PATH", os.environ.get("PATH", ""))])
for var in ["HOME", "TMPDIR", "LANG", "MEMREVIEW_SARIF_MULTITOOL"]:
    if var in os.environ:
        config.environment[var] = os.environ[var]

headers = os.path.join(config.test_source_root, "Inputs", "Headers")
check_script = os.path.join(config.test_source_root, "check_memreview.py")
config.substitutions.append(
    ("%check_memreview",
     "%s %s --driver=%s --plugin=%s --clang-tidy=%s --headers=%s"
     % (config.python, check_script, config.memreview_driver,
        config.memreview_plugin, config.clang_tidy, headers)))
config.substitutions.append(("%memreview", config.memreview_driver))
config.substitutions.append(("%plugin", config.memreview_plugin))
config.substitutions.append(("%clang_tidy", config.clang_tidy))
config.substitutions.append(("%mock_headers", headers))
config.substitutions.append(("%python", config.python))
config.substitutions.append(("%src_root", config.memreview_src_root))

# Every SARIF log a test writes is validated with Microsoft's SARIF multitool,
# GitHub's ingestion rules included (scripts/validate_sarif.py; bootstrap.sh
# installs the multitool under <build>/tools/sarif-multitool).
config.substitutions.append(
    ("%sarif_validate", "%s %s --build-dir=%s"
     % (config.python,
        os.path.join(config.memreview_src_root, "scripts", "validate_sarif.py"),
        config.memreview_obj_root)))
# Prints a line-oriented digest of a SARIF log for FileCheck.
config.substitutions.append(
    ("%sarif_digest", "%s %s" % (config.python, os.path.join(
        config.test_source_root, "sarif", "Inputs", "sarif_digest.py"))))
