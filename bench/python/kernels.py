"""The kernels of `primes`, `sum-of-squares` and `monte-carlo-pi` in plain Python, as the seed
articles write them: module-level functions of one picklable argument (a chunk), so that
`multiprocessing.Pool.map` can send them to worker processes. Standard library only.

Each function here is the Python twin of a Rust kernel in `src/kernels/`: the same algorithm
(trial division by odd numbers; every square really computed; fixed chunks each seeded from the
master seed and the chunk's number) and the same independent reference for the check. Nothing
here knows about pools, timing or the results format; `runner.py` does.
"""

import math
import random

# --- primes ---------------------------------------------------------------------------------


def is_prime(n):
    """Whether n is prime, by trial division by odd numbers up to its square root (as
    `kernels::primes::is_prime`)."""
    if n < 4:
        return n >= 2
    if n % 2 == 0:
        return False
    divisor = 3
    while divisor * divisor <= n:
        if n % divisor == 0:
            return False
        divisor += 2
    return True


def count_primes(bounds):
    """Primes in range(start, end): one chunk of the work, for Pool.map."""
    start, end = bounds
    count = 0
    for n in range(start, end):
        if is_prime(n):
            count += 1
    return count


def count_sieve(limit):
    """Primes below `limit` by the sieve of Eratosthenes: a different algorithm, the independent
    reference for trial division."""
    if limit < 3:
        return 0
    sieve = bytearray([1]) * limit
    sieve[0] = sieve[1] = 0
    for n in range(2, math.isqrt(limit - 1) + 1):
        if sieve[n]:
            sieve[n * n::n] = bytes(len(range(n * n, limit, n)))
    return sum(sieve)


# pi(10^k) for k = 1..8, as published (the same table as `kernels::primes::KNOWN_PI`).
KNOWN_PI = {
    10: 4, 100: 25, 1_000: 168, 10_000: 1_229, 100_000: 9_592,
    1_000_000: 78_498, 10_000_000: 664_579, 100_000_000: 5_761_455,
}

# --- sum-of-squares ---------------------------------------------------------------------------


def sum_squares(bounds):
    """The sum of i * i for i in range(start, end), the seeds' `heavy_computation` loop: every
    term is really computed (CPython does not replace the loop by a formula)."""
    start, end = bounds
    total = 0
    for i in range(start, end):
        total += i * i
    return total


def closed_form(n):
    """(n - 1) n (2n - 1) / 6, exact (Python integers do not overflow)."""
    return (n - 1) * n * (2 * n - 1) // 6 if n > 0 else 0


def fold_u128(value):
    """The 64-bit digest of a 128-bit sum, as `catalogue::sum_of_squares::fold_u128` folds it,
    so both runtimes print the same digest for the same sum."""
    low, high = value & MASK64, (value >> 64) & MASK64
    return low ^ (((high << 17) | (high >> 47)) & MASK64)


# --- monte-carlo-pi ---------------------------------------------------------------------------

# Samples per chunk, and per independently seeded generator (`kernels::monte_carlo_pi::CHUNK`).
CHUNK = 1 << 20

MASK64 = (1 << 64) - 1


def mix_seed(master, index):
    """The seed of stream `index` under a master seed, mixed as `kernels::mix_seed` mixes it."""
    z = (master ^ ((index + 1) * 0x9E3779B97F4A7C15)) & MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
    return z ^ (z >> 31)


def hits_of_stream(stream):
    """Of the first `count` points of the generator seeded with `seed`, how many fall inside the
    quarter circle. Python's own generator (Mersenne Twister), not Rust's xoshiro: the estimate
    is reproducible within this runtime, but not equal to the Rust kernel's."""
    seed, count = stream
    draw = random.Random(seed).random
    hits = 0
    for _ in range(count):
        x = draw()
        y = draw()
        if x * x + y * y < 1.0:
            hits += 1
    return hits


def even_share(total, parts, index):
    """Part `index` of `total` items split evenly into `parts` (`kernels::even_share`)."""
    return total // parts + (1 if index < total % parts else 0)


def distinct_samples(samples, workers, seeding):
    """How many of the points are distinct: all, except when every worker draws one stream."""
    return even_share(samples, max(workers, 1), 0) if seeding == "same-seed" else samples


def estimate(hits, samples):
    return 4.0 * hits / samples


def standard_error(samples):
    """4 sqrt(p (1 - p) / n) with p = pi / 4."""
    p = math.pi / 4
    return 4.0 * math.sqrt(p * (1.0 - p) / samples)


def ranges(total, size):
    """range(0, total) cut into (start, end) chunks of `size`, the last one shorter."""
    return [(start, min(start + size, total)) for start in range(0, total, size)]
