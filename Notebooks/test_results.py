"""Tests of the results loader on run folders written here (python -m unittest, from Notebooks/)."""

import gzip
import json
import math
import tempfile
import unittest
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import results  # noqa: E402


def write_run(root: Path, scenario: str, run_id: str, network: str, manifest: dict | None = None) -> Path:
    folder = root / scenario / run_id
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps(manifest or {"run_id": run_id, "scenario": {"seed": 7}}))
    (folder / "network.csv").write_text(network)
    return folder


NETWORK = (
    "scenario,run_id,replication,seed,epoch,block,day,top10_validator_share\n"
    "tiny,0123e4,0,18446744073709551615,1,360,0.05,0.5\n"
    "tiny,0123e4,0,18446744073709551615,2,720,0.1,0.6\n"
    "tiny,0123e4,1,42,1,360,0.05,0.7\n"
    "tiny,0123e4,1,42,2,720,0.1,0.8\n"
)


class LoaderTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_a_run_is_found_by_scenario_and_id_and_its_identity_columns_stay_text(self):
        write_run(self.root, "tiny", "0123e4", NETWORK)
        run = results.load_run(self.root, "tiny", "0123e4")
        net = run.network
        self.assertEqual(list(net.columns[:4]), list(results.IDENTITY_COLUMNS))
        self.assertEqual(net["run_id"].iloc[0], "0123e4")  # not the float 1230.0
        self.assertEqual(net["seed"].iloc[0], "18446744073709551615")  # beyond int64, kept exact
        self.assertEqual(run.scenario_value("seed"), 7)
        self.assertIsNone(run.neurons)
        self.assertEqual(run.label(), "tiny/0123e4")

    def test_a_missing_run_names_the_runs_that_exist_and_never_picks_one(self):
        write_run(self.root, "tiny", "aaa", NETWORK)
        write_run(self.root, "tiny", "bbb", NETWORK)
        with self.assertRaisesRegex(results.ResultsError, "aaa, bbb"):
            results.load_run(self.root, "tiny", "ccc")
        with self.assertRaisesRegex(results.ResultsError, "never chosen by date"):
            results.load_run(self.root, "tiny")

    def test_a_compressed_table_reads_as_the_plain_one(self):
        plain = results.load_run(write_run(self.root, "tiny", "aaa", NETWORK))
        folder = write_run(self.root, "tiny", "bbb", NETWORK.replace("0123e4", "bbb"))
        (folder / "network.csv").unlink()
        with gzip.open(folder / "network.csv.gz", "wt") as out:
            out.write(NETWORK.replace("0123e4", "bbb"))
        packed = results.load_run(folder)
        self.assertTrue(packed.has("network"))
        self.assertEqual(packed.tables(), ["network"])
        self.assertTrue(packed.network.drop(columns="run_id").equals(plain.network.drop(columns="run_id")))

    def test_a_missing_table_lists_the_tables_present(self):
        write_run(self.root, "tiny", "aaa", NETWORK)
        with self.assertRaisesRegex(results.ResultsError, "tables here: network"):
            results.load_run(self.root, "tiny", "aaa").table("retention")

    def test_a_manifest_recording_another_run_id_is_refused(self):
        write_run(self.root, "tiny", "aaa", NETWORK, manifest={"run_id": "zzz"})
        with self.assertRaisesRegex(results.ResultsError, "records run id zzz"):
            results.load_run(self.root, "tiny", "aaa")

    def test_the_band_is_the_mean_with_a_t_interval_across_replications(self):
        write_run(self.root, "tiny", "0123e4", NETWORK)
        band = results.replication_band(results.load_run(self.root, "tiny", "0123e4").network,
                                        "top10_validator_share")
        first = band.iloc[0]
        self.assertAlmostEqual(first["mean"], 0.6, places=12)
        # two values 0.5 and 0.7: sd = 0.1414…, half width = 12.706 * sd / sqrt(2) = 1.2706
        self.assertAlmostEqual(first["ci_high"] - first["mean"], 12.706 * 0.1, places=9)
        self.assertEqual(int(first["n"]), 2)

    def test_t_quantiles_follow_the_table_and_approach_the_normal(self):
        self.assertEqual(results._t975(1), 12.706)
        self.assertEqual(results._t975(30), 2.042)
        self.assertAlmostEqual(results._t975(60), 2.000, places=2)
        self.assertAlmostEqual(results._t975(10**6), 1.96, places=3)
        self.assertTrue(math.isnan(results._t975(0)))

    def test_figures_go_next_to_the_runs_they_show(self):
        a = results.load_run(write_run(self.root, "p1", "r1", NETWORK))
        b = results.load_run(write_run(self.root, "p2", "r2", NETWORK))
        fig = plt.figure()
        self.assertEqual(results.save_figure(fig, "one", a), a.path.resolve() / "figures" / "one.png")
        self.assertEqual(results.save_figure(fig, "both.png", [a, b]), self.root.resolve() / "figures" / "both.png")
        self.assertTrue((self.root / "figures" / "both.png").stat().st_size > 0)
        plt.close(fig)


if __name__ == "__main__":
    unittest.main()
