"""JUnit XML: one testsuite, one testcase per file; a file fails when it fails
the run (a finding at or above its fail level), so the report agrees with the
exit code; findings below the fail level are listed in ``system-out``.

CI systems that show test reports (GitLab, Jenkins, Azure) show each letter as
a test; every finding is listed in the failure text.  A file that could not be
read is an ``error``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Callable, Sequence

from ..finding import FileResult
from .base import Reporter


def junit_tree(results: Sequence[FileResult], fails: Callable[[FileResult], bool] = lambda r: bool(r.findings)) -> ET.Element:
    failures = sum(1 for r in results if r.error is None and fails(r))
    errors = sum(1 for r in results if r.error is not None)
    suite = ET.Element("testsuite", name="tonecheck", tests=str(len(results)), failures=str(failures),
                       errors=str(errors), skipped="0")
    for result in results:
        case = ET.SubElement(suite, "testcase", classname="tonecheck", name=result.path)
        if result.error is not None:
            ET.SubElement(case, "error", message=result.error, type="input").text = result.error
        elif result.findings:
            count = len(result.findings)
            text = "\n".join(f"{f.line}:{f.column}: {f.level} {f.rule} {f.message}" for f in result.findings)
            if fails(result):
                failure = ET.SubElement(case, "failure", message=f"{count} finding{'s' if count != 1 else ''}",
                                        type="tonecheck")
                failure.text = text
            else:
                ET.SubElement(case, "system-out").text = text
    root = ET.Element("testsuites", name="tonecheck", tests=suite.get("tests", "0"),
                      failures=str(failures), errors=str(errors))
    root.append(suite)
    return root


class JunitReporter(Reporter):
    def report(self, results: Sequence[FileResult]) -> None:
        tree = junit_tree(results, self.fails)
        ET.indent(tree)
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(ET.tostring(tree, encoding="unicode"))
        self.stream.write("\n")
