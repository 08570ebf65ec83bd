"""Run files written before the record fields were listed once still read, and new ones look the same.

data/run_v1_llm.h5 was written by the program at commit 361f8fd (data/make_run_file_v1.py
says how). Today's program reads it (`autocomp report --json`), and a run file it writes
the same way has the same tables, column names, types, order and offsets, and the same
attributes, as the old one: the file format did not change.
"""
import json
import os
import shutil
import subprocess
import sys
import unittest

import h5py

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "data"))
sys.path.insert(0, os.path.join(HERE, "..", "mpi"))
import make_run_file_v1 as make  # noqa: E402
import autocomp_test_support as t  # noqa: E402

OLD = os.path.join(HERE, "data", "run_v1_llm.h5")


def layout(path):
    """Every dataset's dtype and every object's attribute names and types."""
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            attrs = {k: (obj.attrs.get_id(k).dtype.str, obj.attrs.get_id(k).shape) for k in obj.attrs}
            if isinstance(obj, h5py.Dataset):
                dt = obj.dtype
                out[name] = ({n: (dt.fields[n][0].str, dt.fields[n][1]) for n in dt.names}, list(dt.names),
                             dt.itemsize, attrs)
            else:
                out[name] = attrs
        out["/"] = {k: (f.attrs.get_id(k).dtype.str, f.attrs.get_id(k).shape) for k in f.attrs}
        f.visititems(visit)
    return out


class RunFileCompatTest(unittest.TestCase):
    def test_an_old_run_file_reads(self):
        with t.Workdir() as work:
            old = os.path.join(work, "old.h5")
            shutil.copy(OLD, old)
            report = t.report(old)
            self.assertEqual(report["run"]["status"], "finished")
            (p,) = report["problems"]
            self.assertEqual(p["problem"], "cpu/gemm/4")
            self.assertEqual(p["state"], "done")
            self.assertEqual(p["candidates_by_status"], {"ok": 3, "wrong_answer": 1, "no_code": 1})
            self.assertEqual(p["best_candidate"], 1)
            self.assertEqual(report["totals"]["llm_calls"], 6)
            self.assertEqual(report["totals"]["llm_calls_by_status"], {"ok": 6})
            with h5py.File(old, "r") as f:
                self.assertEqual(p["best_score"], f["problems/cpu/gemm/4"].attrs["best_score"])
            text = subprocess.run([t.AUTOCOMP, "report", old], capture_output=True, text=True, timeout=60)
            self.assertEqual(text.returncode, 0, text.stderr)
            self.assertIn("no_code=1", text.stdout)

    def test_a_new_run_file_has_the_old_layout(self):
        with t.Workdir() as work:
            new = os.path.join(work, "new.h5")
            make.main(new)
            old_layout, new_layout = layout(OLD), layout(new)
            self.assertEqual(sorted(old_layout), sorted(new_layout), "the same groups and tables")
            for name in old_layout:
                self.assertEqual(old_layout[name], new_layout[name], name)
            with h5py.File(new, "r") as f:
                statuses = sorted(r["status"].decode() for r in f["problems/cpu/gemm/4/candidates"][:])
            self.assertEqual(statuses, ["no_code", "ok", "ok", "ok", "wrong_answer"])


if __name__ == "__main__":
    unittest.main()
