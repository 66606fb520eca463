"""Tests of the Python runner's kernels, checks and protocol. Standard library only:
    python3 -m unittest discover -s bench/python
(tests/browser/python.spec.mjs runs them too). Small sizes; nothing here depends on timing."""

import io
import json
import multiprocessing
import os
import unittest

import kernels
import runner

CATALOGUE = {w["id"]: w for w in json.load(open(runner.CATALOGUE, encoding="utf-8"))["workloads"]}


class Primes(unittest.TestCase):
    def test_small_numbers(self):
        self.assertEqual([n for n in range(30) if kernels.is_prime(n)], [2, 3, 5, 7, 11, 13, 17, 19, 23, 29])
        self.assertTrue(kernels.is_prime(4_294_967_291), "largest 32-bit prime")
        self.assertFalse(kernels.is_prime(65_521 * 65_519), "product of two large primes")

    def test_trial_division_and_sieve_agree_with_published_values(self):
        for limit, expected in list(kernels.KNOWN_PI.items())[:5]:
            self.assertEqual(kernels.count_sieve(limit), expected, f"sieve below {limit}")
            chunks = kernels.ranges(limit, 777)
            self.assertEqual(sum(map(kernels.count_primes, chunks)), expected, f"trial division below {limit}")

    def test_edge_limits(self):
        for limit in [2, 3, 4, 5, 4097, 12_345]:
            by_division = sum(map(kernels.count_primes, kernels.ranges(limit, 7)))
            self.assertEqual(by_division, kernels.count_sieve(limit), f"below {limit}")


class SumOfSquares(unittest.TestCase):
    def test_chunks_sum_to_the_closed_form(self):
        for n in [1, 2, 3, 10, 65_537, 100_003]:
            for grain in [1, 1000, 1 << 20]:
                self.assertEqual(sum(map(kernels.sum_squares, kernels.ranges(n, grain))), kernels.closed_form(n))
        self.assertEqual(kernels.closed_form(4), 14)

    def test_digest_folds_as_the_rust_kernel_does(self):
        # The digest the native runner printed for N = 30,000,000 (the quick size).
        self.assertEqual(f"{kernels.fold_u128(kernels.closed_form(30_000_000)):016x}", "e41582af0a082b40")


class MonteCarlo(unittest.TestCase):
    def test_seeds_mix_as_splitmix64(self):
        # mix_seed(0, 0) is SplitMix64's first output from state 0.
        self.assertEqual(kernels.mix_seed(0, 0), 0xE220A8397B1DCDAF)
        self.assertNotEqual(kernels.mix_seed(2026, 1), kernels.mix_seed(2026, 2))

    def test_even_shares_add_up(self):
        self.assertEqual([kernels.even_share(10, 3, i) for i in range(3)], [4, 3, 3])
        self.assertEqual(kernels.distinct_samples(10, 3, "same-seed"), 4)
        self.assertEqual(kernels.distinct_samples(10, 3, "per-worker"), 10)

    def test_per_chunk_is_identical_on_one_to_three_processes_and_per_worker_is_not(self):
        workload = runner.MonteCarloPi()
        params = {"samples": 2 * kernels.CHUNK + 999, "seed": 7, "seeding": "per-chunk"}
        hits = {}
        for seeding in ["per-chunk", "per-worker"]:
            for k in [1, 2, 3]:
                function, streams = workload.tasks({**params, "seeding": seeding}, k)
                with multiprocessing.Pool(k) as pool:
                    hits[seeding, k] = sum(pool.map(function, streams, chunksize=1))
        self.assertEqual(hits["per-chunk", 1], hits["per-chunk", 2])
        self.assertEqual(hits["per-chunk", 1], hits["per-chunk", 3])
        self.assertNotEqual(hits["per-worker", 1], hits["per-worker", 2])
        outcome = workload.outcome(params, [hits["per-chunk", 2]], 2)
        self.assertTrue(workload.check(params, outcome, 2)["ok"])

    def test_an_estimate_far_from_pi_fails(self):
        workload = runner.MonteCarloPi()
        params = {"samples": 1000, "seed": 1, "seeding": "per-chunk"}
        self.assertFalse(workload.check(params, {"value": 1000}, 1)["ok"])  # every point inside: 4

    def test_same_seed_demonstrates_repeated_points(self):
        workload = runner.MonteCarloPi()
        params = {"samples": 2000, "seed": 1, "seeding": "same-seed"}
        function, streams = workload.tasks(params, 2)
        self.assertEqual(streams[0], streams[1])
        check = workload.check(params, workload.outcome(params, [function(s) for s in streams], 2), 2)
        self.assertEqual(check["demonstrates"], "only 1,000 distinct samples of 2,000: 2 workers drew the same stream")


class Parameters(unittest.TestCase):
    def test_out_of_range_values_are_refused_with_the_field_and_range(self):
        spec = CATALOGUE["primes"]
        with self.assertRaisesRegex(runner.Refused, r"N \(count primes below\) must be from 2 to 100,000,000 \(got 1\)"):
            runner.checked_params(spec, {"n": 1, "grain": 10})
        with self.assertRaisesRegex(runner.Refused, "must be a whole number"):
            runner.checked_params(spec, {"n": 2.5, "grain": 10})
        with self.assertRaisesRegex(runner.Refused, "one of per-chunk, per-worker, same-seed"):
            runner.checked_params(CATALOGUE["monte-carlo-pi"], {"samples": 10, "seed": 1, "seeding": "random"})
        self.assertEqual(runner.checked_params(spec, {"n": 1e6, "grain": 100}), {"n": 1_000_000, "grain": 100})

    def test_check_kinds_come_from_the_catalogue(self):
        mc = CATALOGUE["monte-carlo-pi"]
        self.assertEqual(runner.check_kind(mc, {"seeding": "per-chunk"}), "statistical")
        self.assertEqual(runner.check_kind(mc, {"seeding": "per-worker"}), "demonstration")
        self.assertEqual(runner.check_kind(CATALOGUE["primes"], {}), "exact")


class Protocol(unittest.TestCase):
    def exchange(self, *requests):
        replies = []
        runner.serve(CATALOGUE, io.StringIO("".join(json.dumps(r) + "\n" for r in requests)), replies.append)
        return replies

    def test_a_point_is_a_pool_start_runs_and_a_check(self):
        ready, started, first, second, done = self.exchange(
            {"op": "start", "workload": "primes", "params": {"n": 10_000, "grain": 1000}, "workers": 2},
            {"op": "run"}, {"op": "run"}, {"op": "finish"})
        self.assertTrue(ready["ready"])
        self.assertEqual(ready["cpu_count"], os.cpu_count())
        self.assertEqual(ready["workloads"], ["primes", "sum-of-squares", "monte-carlo-pi"])
        self.assertGreater(started["pool_start_ms"], 0)
        self.assertGreater(first["ms"], 0)
        self.assertGreater(second["ms"], 0)
        self.assertEqual(done["check"], {"ok": True, "detail": "π(10^4) = 1,229 (published value)", "kind": "exact"})
        self.assertEqual((done["summary"], done["digest"]), ("1,229 primes", f"{1229:016x}"))
        self.assertGreater(done["dispatch_us"], 0)

    def test_requests_it_cannot_run_get_an_error_naming_why(self):
        replies = self.exchange(
            {"op": "start", "workload": "sort", "params": {}, "workers": 1},
            {"op": "run"},
            {"op": "start", "workload": "sum-of-squares", "params": {"n": 0, "grain": 1}, "workers": 1})
        self.assertRegex(replies[1]["error"], "does not implement 'sort'")
        self.assertEqual(replies[2]["error"], "run before start")
        self.assertRegex(replies[3]["error"], r"N \(terms\) must be from 1 to 4,294,967,296")


if __name__ == "__main__":
    unittest.main()
