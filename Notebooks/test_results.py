"""Tests of the results loader and the shared figures on run folders written here (python -m unittest, from Notebooks/)."""

import gzip
import json
import math
import tempfile
import unittest
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import plots  # noqa: E402
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

    def test_a_report_folder_takes_the_figures_instead_of_the_runs_folder(self):
        a = results.load_run(write_run(self.root, "p1", "r1", NETWORK))
        fig = plt.figure()
        mine = self.root / "report-a" / "figures"
        self.assertEqual(results.save_figure(fig, "one", a, mine), mine / "one.png")
        self.assertFalse((a.path / "figures").exists())
        plt.close(fig)

    def test_run_folders_are_labelled_by_scenario_and_by_run_when_a_scenario_repeats(self):
        folders = [write_run(self.root, "p1", "r1", NETWORK), write_run(self.root, "p1", "r2", NETWORK),
                   write_run(self.root, "p2", "r3", NETWORK)]
        self.assertEqual(list(results.load_runs(folders)), ["p1/r1", "p1/r2", "p2"])


# Two subnets on staggered epochs (subnet 1 at blocks 360, 1080; subnet 2 at 720, 1440): at the
# last block only subnet 2 recorded.
SUBNETS = (
    "scenario,run_id,replication,seed,epoch,block,day,netuid,emission_share\n"
    "eq,r,0,1,1,360,0.05,1,0.5\n"
    "eq,r,0,1,1,720,0.1,2,0.5\n"
    "eq,r,0,1,2,1080,0.15,1,0.5\n"
    "eq,r,0,1,2,1440,0.2,2,0.5\n"
)


class PlotTests(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()
        plots._BOUNDS.clear()

    def test_subnet_shares_take_each_subnets_latest_share_so_equal_shares_give_hhi_one_over_n(self):
        folder = write_run(self.root, "eq", "r", NETWORK)
        (folder / "subnets.csv").write_text(SUBNETS)
        shares = plots.subnet_emission_shares(results.load_run(folder))
        self.assertEqual(sorted(shares["netuid"]), [1, 2])
        self.assertAlmostEqual(float((shares["share"] ** 2).sum()), 0.5, places=12)

    def test_bounds_come_from_the_catalogue_and_a_class_yield_has_its_network_yields(self):
        path = self.root / "metrics.csv"
        path.write_text("table,name,unit,lower,upper\nnetwork,tao_apy_30d,1/year,-1.0,\n"
                        "network,top10_validator_share_tao,share,0.0,1.0\n")
        plots.load_bounds(path)
        self.assertEqual(plots.bounds_of("tao_apy_30d"), (-1.0, math.inf))
        self.assertEqual(plots.bounds_of("tao_apy_attacker_cabal_30d"), (-1.0, math.inf))
        self.assertEqual(plots.bounds_of("top10_validator_share_tao"), (0.0, 1.0))
        # Without the catalogue, the unit a name implies.
        self.assertEqual(plots.bounds_of("subnet_nakamoto_median"), (0.0, math.inf))
        self.assertEqual(plots.bounds_of("spot_ratio"), (-math.inf, math.inf))

    def test_bands_are_clipped_to_the_bounds(self):
        network = NETWORK.replace("0.5\n", "0.02\n").replace("0.7\n", "0.98\n")
        run = results.load_run(write_run(self.root, "tiny", "r", network))
        fig = plots.metric_bands({"tiny": run}, ["top10_validator_share"])
        band = fig.axes[0].collections[0].get_paths()[0].vertices[:, 1]
        self.assertGreaterEqual(band.min(), 0.0)
        self.assertLessEqual(band.max(), 1.0)
        plt.close(fig)

    def test_a_metric_without_values_gets_no_panel(self):
        network = NETWORK.replace("top10_validator_share\n", "top10_validator_share,alpha_apy_30d\n")
        network = "\n".join(line + "," if i else line for i, line in enumerate(network.strip().split("\n"))) + "\n"
        run = results.load_run(write_run(self.root, "tiny", "r", network))
        self.assertIsNone(plots.metric_bands({"tiny": run}, ["alpha_apy_30d"]))
        fig = plots.metric_bands({"tiny": run}, ["alpha_apy_30d", "top10_validator_share"])
        self.assertEqual(len([ax for ax in fig.axes if ax.get_visible()]), 1)
        plt.close(fig)


if __name__ == "__main__":
    unittest.main()
