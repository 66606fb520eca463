"""`./build.sh bench --runtime python`: the seeds' Python on this machine.

A `multiprocessing.Pool` of k processes runs the kernels of `kernels.py` with a chunked
`pool.map`, the seeds' way: the work is cut into chunks (`grain` items each, or Monte Carlo's
fixed chunks), and each chunk is one item of the map, handed to whichever process is free
(`chunksize=1`, so a chunk is a task as in the Rust kernels).

This program measures and checks; it computes no statistics. `bench/python/run.mjs` drives it
and turns what it measured into the results format with the page's own code (medians,
intervals, speedups, fits), so there is one implementation of those. Standard library only.

Protocol: one JSON object per line, requests on stdin, replies on stdout.
  (on start)                                      -> {"ready": true, "python_version", "cpu_count", ...}
  {"op": "start", "workload", "params", "workers"} -> {"pool_start_ms"}   a fresh Pool(workers)
  {"op": "run"}                                    -> {"ms"}              one timed run
  {"op": "finish"}                                 -> {"check", "summary", "digest", "extra",
                                                       "dispatch_us"}     the last run checked,
                                                                          the pool closed
A request that fails gets {"error": "..."}. The caller decides how many runs a point gets and
which are warm-up, so the stopping rule of `--repeats auto` is the page's (www/js/stats.js).
"""

import json
import math
import multiprocessing
import os
import platform
import signal
import sys
import time

import kernels

CATALOGUE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "pkg", "catalogue.json")

# Empty pool.map rounds the dispatch cost is averaged over.
EMPTY_ROUNDS = 50

_barrier = None


def _start_worker(barrier):
    """Each pool process: keep the barrier, and leave Ctrl-C to the parent, which ends the pool
    (without this every process prints its own KeyboardInterrupt)."""
    global _barrier
    _barrier = barrier
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _meet(_):
    """Blocks until all k processes hold one of these tasks: none can take two, so every
    process of the pool is up and running when the k calls return."""
    _barrier.wait(timeout=120)


def _nothing(_):
    return None


def _ms(start):
    return (time.perf_counter() - start) * 1000.0


def _grouped(n):
    return f"{n:,}"


class Primes:
    """Primes below N by trial division, `grain` numbers per task."""

    # Why the catalogue's default size is too slow here (the caller then runs the quick sizes).
    # Measured with Python 3.11 on a 2-core AMD EPYC, one process.
    slow_default = "about 25 s a run on one core (trial division in pure Python, ~35x slower than Rust)"

    def tasks(self, params, workers):
        return kernels.count_primes, kernels.ranges(params["n"], params["grain"])

    def outcome(self, params, results, workers):
        count = sum(results)
        return {"summary": f"{_grouped(count)} primes", "digest": count, "value": count, "extra": {}}

    def check(self, params, outcome, workers):
        limit = params["n"]
        if limit in kernels.KNOWN_PI:
            known = kernels.KNOWN_PI[limit]
            exponent = round(math.log10(limit))
            return {"ok": outcome["value"] == known, "detail": f"π(10^{exponent}) = {_grouped(known)} (published value)"}
        sieve = kernels.count_sieve(limit)
        return {"ok": outcome["value"] == sieve, "detail": f"sieve of Eratosthenes counts {_grouped(sieve)}"}


class SumOfSquares:
    """The sum of i * i for i below N, `grain` terms per task."""

    slow_default = "about 50-70 s a run on one core (the seeds' loop in pure Python, ~100x slower than Rust)"

    def tasks(self, params, workers):
        return kernels.sum_squares, kernels.ranges(params["n"], params["grain"])

    def outcome(self, params, results, workers):
        total = sum(results)
        return {"summary": f"sum = {total}", "digest": kernels.fold_u128(total), "value": total, "extra": {}}

    def check(self, params, outcome, workers):
        exact = kernels.closed_form(params["n"])
        return {"ok": outcome["value"] == exact, "detail": f"closed form (N−1)N(2N−1)/6 = {exact}"}


class MonteCarloPi:
    """pi from N random points. per-chunk: fixed chunks, chunk c seeded from (seed, c), so the
    estimate is identical at every worker count. per-worker and same-seed (demonstrations): one
    task per worker, its even share of the points from a stream seeded from (seed, worker), or
    from (seed, 0) for all."""

    slow_default = "about 40 s a run on one core (random points in pure Python, ~40x slower than Rust)"

    def tasks(self, params, workers):
        samples, seed, seeding = params["samples"], params["seed"], params["seeding"]
        if seeding == "per-chunk":
            streams = [(kernels.mix_seed(seed, start // kernels.CHUNK), end - start)
                       for start, end in kernels.ranges(samples, kernels.CHUNK)]
        else:
            streams = [(kernels.mix_seed(seed, i if seeding == "per-worker" else 0),
                        kernels.even_share(samples, workers, i)) for i in range(workers)]
        return kernels.hits_of_stream, streams

    def outcome(self, params, results, workers):
        samples, hits = params["samples"], sum(results)
        pi = kernels.estimate(hits, samples)
        sigma = kernels.standard_error(samples)
        extra = {"estimate": {
            "pi": pi, "standard_error": sigma, "errors": abs(pi - math.pi) / sigma,
            "distinct_samples": kernels.distinct_samples(samples, workers, params["seeding"]),
        }}
        return {"summary": f"π ≈ {pi:.6f} ({_grouped(hits)} inside)", "digest": hits, "value": hits, "extra": extra}

    def check(self, params, outcome, workers):
        samples, seeding = params["samples"], params["seeding"]
        pi = kernels.estimate(outcome["value"], samples)
        off = abs(pi - math.pi)
        distinct = kernels.distinct_samples(samples, workers, seeding)
        # Repeated points carry no new information: the error is that of the distinct ones.
        sigma = kernels.standard_error(distinct)
        of_distinct = " of its distinct points" if distinct < samples else ""
        check = {"ok": off <= 6 * sigma,
                 "detail": f"|estimate − π| = {off:.2e}, {off / sigma:.1f} standard errors{of_distinct} (limit 6)"}
        if seeding == "per-worker":
            streams = "1 stream" if workers == 1 else f"{workers} streams"
            check["demonstrates"] = f"π ≈ {pi:.5f} from {streams}, one per worker: changes with the worker count"
        elif seeding == "same-seed" and workers <= 1:
            check["demonstrates"] = f"all {_grouped(samples)} samples distinct: one worker draws one stream " \
                "(more workers would repeat it)"
        elif seeding == "same-seed":
            check["demonstrates"] = f"only {_grouped(distinct)} distinct samples of {_grouped(samples)}: " \
                f"{workers} workers drew the same stream"
        return check


WORKLOADS = {"primes": Primes(), "sum-of-squares": SumOfSquares(), "monte-carlo-pi": MonteCarloPi()}


class Refused(Exception):
    """A request this runner will not run; its message names the field and what is allowed."""


def checked_params(spec, given):
    """The parameters of `given` checked against the catalogue's declaration `spec`: every
    declared parameter present, numbers whole and within their range, choices by name."""
    params = {}
    for p in spec["params"]:
        name, label = p["name"], p["label"]
        if name not in given:
            raise Refused(f"{spec['id']}: missing parameter '{name}'")
        value = given[name]
        if p["kind"] == "choice":
            if value not in p["choices"]:
                raise Refused(f"{label} must be one of {', '.join(p['choices'])}.")
        else:
            low, high = int(p["min"]), int(p["max"])
            whole = isinstance(value, int) or (isinstance(value, float) and value.is_integer())
            if isinstance(value, bool) or not whole:
                raise Refused(f"{label} must be a whole number from {_grouped(low)} to {_grouped(high)}.")
            value = int(value)
            if not low <= value <= high:
                raise Refused(f"{label} must be from {_grouped(low)} to {_grouped(high)} (got {_grouped(value)}).")
        params[name] = value
    unknown = set(given) - set(params)
    if unknown:
        raise Refused(f"{spec['id']}: unknown parameter(s) {', '.join(sorted(unknown))}")
    return params


def check_kind(spec, params):
    """The kind of the check for these parameters, as the catalogue declares it."""
    checks = spec["checks"]
    if not checks["param"]:
        return checks["kinds"][0]
    choice = next(p for p in spec["params"] if p["name"] == checks["param"])
    return checks["kinds"][choice["choices"].index(params[checks["param"]])]


class Point:
    """One worker count (or one value of a varied parameter): a fresh pool of k processes."""

    def __init__(self, spec, workload, params, workers):
        self.spec, self.workload, self.params, self.workers = spec, workload, params, workers
        self.last = None
        context = multiprocessing.get_context()
        barrier = context.Barrier(workers)
        start = time.perf_counter()
        self.pool = context.Pool(workers, initializer=_start_worker, initargs=(barrier,))
        self.pool.map(_meet, range(workers), chunksize=1)
        self.pool_start_ms = _ms(start)

    def run(self):
        start = time.perf_counter()
        function, chunks = self.workload.tasks(self.params, self.workers)
        results = self.pool.map(function, chunks, chunksize=1)
        self.last = self.workload.outcome(self.params, results, self.workers)
        return _ms(start)

    def finish(self):
        if self.last is None:
            raise Refused("finish before any run")
        check = self.workload.check(self.params, self.last, self.workers)
        check["kind"] = check_kind(self.spec, self.params)
        start = time.perf_counter()
        for _ in range(EMPTY_ROUNDS):
            self.pool.map(_nothing, range(self.workers), chunksize=1)
        dispatch_us = _ms(start) * 1000.0 / EMPTY_ROUNDS
        self.close()
        return {"check": check, "summary": self.last["summary"], "digest": f"{self.last['digest'] & kernels.MASK64:016x}",
                "extra": self.last["extra"], "dispatch_us": dispatch_us}

    def close(self):
        self.pool.close()
        self.pool.join()


def describe(catalogue):
    resolution_ms = time.get_clock_info("perf_counter").resolution * 1000.0
    return {
        "ready": True,
        "python_version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": f"{platform.system()} {platform.machine()}",
        "cpu_count": os.cpu_count(),
        "start_method": multiprocessing.get_start_method(),
        "timer_resolution_ms": resolution_ms,
        "workloads": [w for w in WORKLOADS if w in catalogue],
        "slow_defaults": {w: WORKLOADS[w].slow_default for w in WORKLOADS},
    }


def serve(catalogue, requests, reply):
    point = None
    reply(describe(catalogue))
    for line in requests:
        if not line.strip():
            continue
        try:
            request = json.loads(line)
            op = request.get("op")
            if op == "start":
                if point:
                    point.close()
                    point = None
                spec = catalogue.get(request.get("workload"))
                if spec is None or request["workload"] not in WORKLOADS:
                    raise Refused(f"the Python runner does not implement '{request.get('workload')}'; "
                                  f"it has {', '.join(WORKLOADS)}")
                workers = request.get("workers")
                if not isinstance(workers, int) or workers < 1:
                    raise Refused(f"workers must be a whole number from 1 (got {workers!r})")
                params = checked_params(spec, request.get("params", {}))
                point = Point(spec, WORKLOADS[spec["id"]], params, workers)
                reply({"pool_start_ms": point.pool_start_ms})
            elif op == "run":
                if point is None:
                    raise Refused("run before start")
                reply({"ms": point.run()})
            elif op == "finish":
                if point is None:
                    raise Refused("finish before start")
                done, point = point, None
                reply(done.finish())
            else:
                raise Refused(f"unknown op {op!r}")
        except Refused as error:
            reply({"error": str(error)})
        except Exception as error:  # a kernel that fails (MemoryError, ...) fails its point only
            if point:
                point.pool.terminate()
                point = None
            reply({"error": f"{type(error).__name__}: {error}"})
    if point:
        point.close()


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else CATALOGUE
    try:
        with open(path, encoding="utf-8") as file:
            catalogue = {w["id"]: w for w in json.load(file)["workloads"]}
    except OSError as error:
        sys.exit(f"cannot read the catalogue {path}: {error.strerror} (run ./build.sh build)")

    def reply(message):
        sys.stdout.write(json.dumps(message) + "\n")
        sys.stdout.flush()

    try:
        serve(catalogue, sys.stdin, reply)
    except (KeyboardInterrupt, BrokenPipeError):
        sys.exit(130)


if __name__ == "__main__":
    main()
