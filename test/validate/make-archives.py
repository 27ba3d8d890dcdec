#!/usr/bin/env python3
"""Writes the hostile archives kept next to this script (run it again to regenerate them).

Each holds a valid-looking package plus one entry that must make `judge validate` reject the
whole archive with a message naming that entry:
  traversal.tar.gz  sum-array/../../escaped.txt   ('..' climbing out of the extraction directory)
  absolute.zip      /tmp/judge-validate-absolute.txt
  symlink-out.tar   sum-array/statement.md -> /etc/passwd
"""
import io
import os
import tarfile
import zipfile

here = os.path.dirname(os.path.abspath(__file__))
pkg = os.path.join(here, "good", "sum-array")
FILES = ["problem.json", "statement.md", "tests/sample.json", "tests/hidden.json",
         "submissions/accepted/solution.py"]


def add_tar(tf, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1700000000
    info.mode = 0o644
    tf.addfile(info, io.BytesIO(data))


def read(rel):
    with open(os.path.join(pkg, rel), "rb") as f:
        return f.read()


with tarfile.open(os.path.join(here, "traversal.tar.gz"), "w:gz", format=tarfile.PAX_FORMAT) as tf:
    for rel in FILES:
        add_tar(tf, "sum-array/" + rel, read(rel))
    add_tar(tf, "sum-array/../../escaped.txt", b"written outside the extraction directory\n")

with zipfile.ZipFile(os.path.join(here, "absolute.zip"), "w") as zf:
    for rel in FILES:
        zi = zipfile.ZipInfo("sum-array/" + rel, date_time=(2023, 11, 14, 22, 13, 20))
        zf.writestr(zi, read(rel))
    # ZipFile.writestr strips nothing from a ZipInfo's name: the leading slash stays.
    zi = zipfile.ZipInfo("/tmp/judge-validate-absolute.txt", date_time=(2023, 11, 14, 22, 13, 20))
    zf.writestr(zi, b"absolute\n")

with tarfile.open(os.path.join(here, "symlink-out.tar"), "w", format=tarfile.PAX_FORMAT) as tf:
    for rel in FILES:
        if rel != "statement.md":
            add_tar(tf, "sum-array/" + rel, read(rel))
    info = tarfile.TarInfo("sum-array/statement.md")
    info.type = tarfile.SYMTYPE
    info.linkname = "/etc/passwd"
    info.mtime = 1700000000
    tf.addfile(info)
