//! The per-worker timeline: when tracing is on, each kernel's unit of work (a chunk, a row, a
//! band) records when it started and ended and on which rayon thread. Off, a task costs one
//! relaxed atomic load. A traced run records only on the threads of the pool it runs on and on
//! the thread that started it, so a run traced on one pool (a test, a benchmark) neither records
//! nor switches off the tracing of a run on another. Plain Rust: the clock is supplied by the host
//! (JS's `performance.timeOrigin + performance.now()` in the browser, `Instant` natively). Each
//! pool thread's clock is measured against the calling thread's before a traced run, and its bars
//! are put on the caller's clock (see [`clock_offsets`]): in the browser every thread is a Web
//! Worker with its own timeOrigin, and those need not agree.
//!
//! Each bar has a [`SpanKind`]: computing (`work`), waiting to acquire a lock (`lock`), or waiting
//! outside any lock, as for I/O (`wait`). Kernels record work with [`task`] and the other kinds
//! with [`span`].
//!
//! Spans are kept per thread, with no lock; consecutive tasks of one kind on one thread that
//! follow each other within [`MERGE_GAP_MS`] are kept as one bar with a task count, so a run of a
//! million tiny tasks still gives a timeline of a few bars per thread, and the idle gaps stay
//! visible. Bars of different kinds are never merged: a `lock` bar between two `work` bars keeps
//! them apart.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::stats::{Interval, median, median_interval};

/// Tasks closer together than this on one thread are drawn as one bar.
pub const MERGE_GAP_MS: f64 = 0.05;

/// Bars kept per thread; past this, further tasks extend the last bar. A safety bound on memory.
pub const MAX_SPANS_PER_THREAD: usize = 20_000;

/// Traced runs in progress in the process: while it is 0, a task costs this one relaxed load.
static RECORDING: AtomicUsize = AtomicUsize::new(0);
static CLOCK: OnceLock<fn() -> f64> = OnceLock::new();

thread_local! {
    static SPANS: RefCell<Vec<Span>> = const { RefCell::new(Vec::new()) };
    /// Whether this thread takes part in a traced run in progress.
    static RECORDING_HERE: Cell<bool> = const { Cell::new(false) };
}

/// What a thread was doing during a bar, serialised in lowercase (`"work"`, `"lock"`, `"wait"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// Computing: a kernel's unit of work.
    Work,
    /// Waiting to acquire a lock another thread holds (blocked, not computing).
    Lock,
    /// Waiting outside any lock, as a thread does for I/O (blocked, not computing).
    Wait,
}

/// One bar of the timeline: `tasks` consecutive tasks of one kind on one thread.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Span {
    /// The rayon thread's index, or `None` for the thread that called into the pool (the
    /// compute worker in the browser): serial parts run there.
    pub thread: Option<usize>,
    /// What the thread was doing.
    pub kind: SpanKind,
    /// Start, in the clock's milliseconds.
    pub start_ms: f64,
    /// End, in the clock's milliseconds.
    pub end_ms: f64,
    /// Tasks merged into this bar.
    pub tasks: u64,
}

/// Sets the clock, in milliseconds, once per process (later calls are ignored). Without one,
/// an `Instant`-based clock is used.
pub fn set_clock(clock: fn() -> f64) {
    let _ = CLOCK.set(clock);
}

/// The clock in milliseconds.
pub fn now_ms() -> f64 {
    CLOCK.get_or_init(|| instant_clock)()
}

fn instant_clock() -> f64 {
    static EPOCH: OnceLock<std::time::Instant> = OnceLock::new();
    EPOCH.get_or_init(std::time::Instant::now).elapsed().as_secs_f64() * 1e3
}

/// Runs one unit of work, recording it as [`SpanKind::Work`] when tracing is on.
#[inline(always)]
pub fn task<R>(work: impl FnOnce() -> R) -> R {
    span(SpanKind::Work, work)
}

/// Runs `f`, recording it as a bar of `kind` when tracing is on: [`SpanKind::Lock`] around
/// acquiring a lock, [`SpanKind::Wait`] around a wait outside any lock. Off (no traced run in
/// the process), it costs one relaxed atomic load, as [`task`] does.
#[inline(always)]
pub fn span<R>(kind: SpanKind, f: impl FnOnce() -> R) -> R {
    if RECORDING.load(Ordering::Relaxed) == 0 || !RECORDING_HERE.get() {
        return f();
    }
    let start = now_ms();
    let result = f();
    record(kind, start, now_ms());
    result
}

/// Adds a task to this thread's bars: to the last bar when it is of the same kind and ended less
/// than [`MERGE_GAP_MS`] before, else as a new bar. Past [`MAX_SPANS_PER_THREAD`] bars every task
/// extends the last bar, whatever its kind.
fn record(kind: SpanKind, start_ms: f64, end_ms: f64) {
    SPANS.with_borrow_mut(|spans| {
        let full = spans.len() >= MAX_SPANS_PER_THREAD;
        match spans.last_mut() {
            Some(last) if full || (last.kind == kind && start_ms - last.end_ms < MERGE_GAP_MS) => {
                last.end_ms = end_ms.max(last.end_ms);
                last.tasks += 1;
            }
            _ => spans.push(Span { thread: rayon::current_thread_index(), kind, start_ms, end_ms, tasks: 1 }),
        }
    });
}

fn take() -> Vec<Span> {
    SPANS.with_borrow_mut(std::mem::take)
}

/// A traced run: its spans and its bounds on the same clock.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Timeline {
    /// Threads in the pool.
    pub threads: usize,
    /// When the run started.
    pub start_ms: f64,
    /// When the run ended.
    pub end_ms: f64,
    /// Every bar, on every thread.
    pub spans: Vec<Span>,
}

/// Runs `run` once with tracing on, on the current rayon pool, and collects every thread's
/// spans (each pool thread hands over its own, by `rayon::broadcast`). Only this pool's threads
/// and the calling thread record, so runs traced at the same time on other pools do not mix in.
pub fn record_run<R>(run: impl FnOnce() -> R) -> (R, Timeline) {
    /// Counts this run in [`RECORDING`] until dropped, even if `run` panics.
    struct Running;
    impl Drop for Running {
        fn drop(&mut self) {
            RECORDING.fetch_sub(1, Ordering::SeqCst);
        }
    }
    let start = || {
        drop(take());
        RECORDING_HERE.set(true);
    };
    let stop = || {
        RECORDING_HERE.set(false);
        take()
    };
    let offsets = clock_offsets(now_ms);
    RECORDING.fetch_add(1, Ordering::SeqCst);
    let running = Running;
    rayon::broadcast(|_| start());
    start();
    let start_ms = now_ms();
    let result = run();
    let end_ms = now_ms();
    let mut spans = stop();
    for mut thread_spans in rayon::broadcast(|_| stop()) {
        spans.append(&mut thread_spans);
    }
    drop(running);
    for span in &mut spans {
        let offset = span.thread.and_then(|i| offsets.get(i)).copied().unwrap_or(0.0);
        span.start_ms -= offset;
        span.end_ms -= offset;
    }
    spans.sort_by(|a, b| (a.thread, a.start_ms).partial_cmp(&(b.thread, b.start_ms)).expect("finite times"));
    (result, Timeline { threads: rayon::current_num_threads(), start_ms, end_ms, spans })
}

/// Broadcasts that measure each pool thread's clock against the caller's (see [`clock_offsets`]).
pub const CLOCK_ROUNDS: usize = 20;

/// How far each thread of the current pool reads `clock` ahead of the calling thread, in ms, by
/// thread index. A Web Worker's clock is its own `performance.timeOrigin + performance.now()`,
/// meant to be one clock for all. On a busy machine it was not: a pool thread's last bar ended
/// 0.5 ms after the run it belonged to (and, in the message-passing lesson's plain workers, a
/// way back of -0.73 ms in every run of a point; Chromium 156, not reproduced on demand).
///
/// Each of [`CLOCK_ROUNDS`] broadcasts bounds a thread's offset: its reading came after the
/// caller's `sent` and before `back`, so the offset is within [theirs − back, theirs − sent].
/// Within the bounds common to all rounds the value nearest 0 is taken: clocks that agree as far
/// as this can tell (natively, always) are left as they are, and one that is off is moved no
/// further than the rounds prove. Bounds that do not meet (coarsened clocks) give the middle of
/// the quickest round.
pub fn clock_offsets(clock: impl Fn() -> f64 + Sync) -> Vec<f64> {
    let mut rounds: Vec<Vec<(f64, f64, f64)>> = vec![Vec::new(); rayon::current_num_threads()];
    for _ in 0..CLOCK_ROUNDS {
        let sent = clock();
        let theirs = rayon::broadcast(|context| (context.index(), clock()));
        let back = clock();
        for (i, at) in theirs {
            rounds[i].push((sent, at, back));
        }
    }
    rounds.iter().map(|r| offset_within(r)).collect()
}

/// The offset that `rounds` of (sent, theirs, back) bound, as [`clock_offsets`] takes it.
fn offset_within(rounds: &[(f64, f64, f64)]) -> f64 {
    let (low, high) = rounds.iter().fold((f64::NEG_INFINITY, f64::INFINITY), |(low, high), &(sent, at, back)| {
        (low.max(at - back), high.min(at - sent))
    });
    if low <= high {
        return 0.0_f64.clamp(low, high);
    }
    let quickest = rounds.iter().min_by(|a, b| (a.2 - a.0).total_cmp(&(b.2 - b.0)));
    quickest.map_or(0.0, |&(sent, at, back)| at - (sent + back) / 2.0)
}

/// Warm dispatch: batches of regions back to back, one sample per batch (a single region can
/// be shorter than the browser's clock tick of 5 µs)...
pub const WARM_BATCHES: usize = 20;
/// ...of this many regions each.
pub const WARM_PER_BATCH: u32 = 10;
/// Cold dispatch: this many single regions...
pub const COLD_SAMPLES: usize = 20;
/// ...each after the pool has been idle this long. Rayon's idle threads spin a few dozen rounds
/// (microseconds), then sleep until woken: after a few milliseconds every one is asleep.
pub const IDLE_MS: u64 = 3;

/// What handing the pool an empty parallel region (one empty task per thread) from outside it
/// and waiting for it to finish costs, in microseconds per region: the fixed price every
/// parallel region pays. Warm is a region that follows another at once, its threads still
/// awake; cold is one after the pool has gone idle, whose threads must first be woken (what a
/// sweep's first region, or a region after serial work, pays). Each is a median with its
/// distribution-free 95% interval ([`crate::stats::median_interval`]).
///
/// In wasm, warm comes close to cold (issue 11: 25-50 µs at 2 workers in Chromium against
/// 14-17 µs natively). Rayon's idle thread looks for work 32 rounds, calling
/// `std::thread::yield_now()` after each, before it sleeps. Natively each call is a
/// `sched_yield` system call, so the rounds last long enough for the caller to wake and hand
/// over the next region; on wasm32 std's `yield_now` does nothing, the rounds take
/// microseconds, and every region after the first wakes sleeping threads. The native runner
/// with `sched_yield` made a no-op (an `LD_PRELOAD` shim) measured the same: warm 40-42 µs
/// instead of 7-15 at 1 worker and 25-31 instead of 14-17 at 2, in three runs of each.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DispatchCost {
    /// Warm: the median, µs per region.
    pub warm_us: f64,
    /// Warm: the median's interval.
    pub warm: Interval,
    /// Cold: the median, µs per region.
    pub cold_us: f64,
    /// Cold: the median's interval.
    pub cold: Interval,
}

/// Serialises as the results format's fields, named as [`DispatchCost::fields`] names them.
impl serde::Serialize for DispatchCost {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.fields())
    }
}

impl DispatchCost {
    /// The results format's fields: `dispatch_us` (warm, as before) and its interval, and
    /// `dispatch_cold_us` and its interval.
    pub fn fields(&self) -> [(&'static str, f64); 6] {
        [
            ("dispatch_us", self.warm_us),
            ("dispatch_low_us", self.warm.low),
            ("dispatch_high_us", self.warm.high),
            ("dispatch_cold_us", self.cold_us),
            ("dispatch_cold_low_us", self.cold.low),
            ("dispatch_cold_high_us", self.cold.high),
        ]
    }
}

/// Measures [`DispatchCost`] on `pool` (the current or global one when None). Call it from a
/// thread outside the pool, as the page's compute worker is; it takes about
/// `COLD_SAMPLES * IDLE_MS` milliseconds, most of it idle.
pub fn dispatch_cost(pool: Option<&rayon::ThreadPool>) -> DispatchCost {
    let threads = pool.map_or_else(rayon::current_num_threads, rayon::ThreadPool::current_num_threads);
    let region = || {
        let body = |scope: &rayon::Scope<'_>| {
            for i in 0..threads {
                scope.spawn(move |_| {
                    std::hint::black_box(i);
                });
            }
        };
        match pool {
            Some(pool) => pool.scope(body),
            None => rayon::scope(body),
        }
    };
    let micros = |since: f64, regions: u32| (now_ms() - since) * 1e3 / f64::from(regions);
    region(); // wakes the pool: the warm batches start with every thread awake
    let warm: Vec<f64> = (0..WARM_BATCHES)
        .map(|_| {
            let start = now_ms();
            for _ in 0..WARM_PER_BATCH {
                region();
            }
            micros(start, WARM_PER_BATCH)
        })
        .collect();
    let cold: Vec<f64> = (0..COLD_SAMPLES)
        .map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(IDLE_MS));
            let start = now_ms();
            region();
            micros(start, 1)
        })
        .collect();
    DispatchCost {
        warm_us: median(&warm),
        warm: median_interval(&warm),
        cold_us: median(&cold),
        cold: median_interval(&cold),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dispatch_cost_gives_warm_and_cold_medians_inside_their_intervals() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let cost = dispatch_cost(Some(&pool));
        for (name, (low, median, high)) in [
            ("warm", (cost.warm.low, cost.warm_us, cost.warm.high)),
            ("cold", (cost.cold.low, cost.cold_us, cost.cold.high)),
        ] {
            assert!(low > 0.0 && low <= median && median <= high && high.is_finite(), "{name}: {low} {median} {high}");
        }
        let fields = cost.fields();
        assert_eq!(fields.map(|(name, _)| name)[..2], ["dispatch_us", "dispatch_low_us"]);
        assert_eq!(fields[3], ("dispatch_cold_us", cost.cold_us));
    }

    #[test]
    fn a_traced_run_has_bars_on_every_thread_and_none_after() {
        use rayon::prelude::*;
        let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap();
        let (sum, timeline) = pool.install(|| {
            record_run(|| {
                (0..64u32)
                    .into_par_iter()
                    .with_max_len(1)
                    .map(|i| task(|| crate::kernels::spin::spin(u64::from(i), 200_000)))
                    .reduce(|| 0, u64::wrapping_add)
            })
        });
        assert_ne!(sum, 0);
        assert_eq!(timeline.threads, 2);
        let tasks: u64 = timeline.spans.iter().map(|s| s.tasks).sum();
        assert_eq!(tasks, 64, "every task recorded once");
        assert!(timeline.spans.iter().all(|s| s.kind == SpanKind::Work), "task records work");
        for span in &timeline.spans {
            assert!(
                timeline.start_ms <= span.start_ms && span.start_ms <= span.end_ms && span.end_ms <= timeline.end_ms
            );
        }
        // Tracing is off again: an untraced task records nothing.
        pool.install(|| task(|| ()));
        assert!(pool.broadcast(|_| take()).iter().all(Vec::is_empty));
    }

    #[test]
    fn a_run_traced_on_one_pool_records_nothing_on_another() {
        let (traced, other) = (
            rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap(),
            rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap(),
        );
        let ((), timeline) = traced.install(|| {
            record_run(|| {
                task(|| ());
                other.install(|| task(|| ()));
            })
        });
        assert_eq!(timeline.spans.iter().map(|s| s.tasks).sum::<u64>(), 1, "only the traced pool's task");
        assert!(other.broadcast(|_| take()).iter().all(Vec::is_empty));
    }

    #[test]
    fn a_thread_clock_that_is_off_is_measured_and_one_that_agrees_is_left_alone() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(3).build().unwrap();
        let epoch = std::time::Instant::now();
        let shared = || epoch.elapsed().as_secs_f64() * 1e3;
        // Threads 1 and 2 read 50 ms ahead of thread 0 and 80 ms behind it, as Web Workers
        // whose timeOrigin was set off.
        const SKEW: [f64; 3] = [0.0, 50.0, -80.0];
        let skewed = || shared() + SKEW[rayon::current_thread_index().expect("a pool thread")];
        // Here the caller is one of the pool's threads (natively a traced run is installed on its
        // pool): the offsets are against that thread's clock.
        let (caller, offsets) = pool.install(|| (rayon::current_thread_index().unwrap(), clock_offsets(skewed)));
        assert_eq!(offsets.len(), 3);
        for (i, &offset) in offsets.iter().enumerate() {
            let truth = SKEW[i] - SKEW[caller];
            // Never past the truth, always on its side of 0 (the rounds prove that much), and
            // most of the way: a round trip under half the offset, in any of the rounds, shows it.
            assert!(offset.abs() <= truth.abs() && offset * truth >= 0.0, "thread {i}: {offset} against {truth}");
            assert!(offset.abs() >= truth.abs() / 2.0, "thread {i}: {offset} against {truth}");
        }
        assert_eq!(offsets[caller], 0.0, "the caller's own clock");
        assert_eq!(pool.install(|| clock_offsets(shared)), [0.0; 3], "one clock for all: no offsets");
    }

    #[test]
    fn bounds_that_do_not_meet_give_the_middle_of_the_quickest_round() {
        assert_eq!(offset_within(&[(0.0, 0.5, 0.1), (1.0, 0.9, 1.2)]), 0.45);
        assert_eq!(offset_within(&[(0.0, 0.02, 0.05), (1.0, 1.01, 1.03)]), 0.0);
    }

    #[test]
    fn tasks_far_apart_stay_separate_bars() {
        record(SpanKind::Work, 0.0, 1.0);
        record(SpanKind::Work, 1.01, 2.0); // within the merge gap: same bar
        record(SpanKind::Work, 5.0, 6.0); // an idle gap: a new bar
        let spans = take();
        assert_eq!(spans.len(), 2);
        assert_eq!((spans[0].end_ms, spans[0].tasks), (2.0, 2));
        assert_eq!((spans[1].start_ms, spans[1].tasks), (5.0, 1));
    }

    #[test]
    fn only_bars_of_one_kind_merge() {
        use SpanKind::{Lock, Wait, Work};
        // Back to back, all within the merge gap: only neighbours of the same kind merge.
        for (kind, start, end) in [
            (Work, 0.0, 1.0),
            (Lock, 1.0, 1.01),
            (Work, 1.01, 2.0),
            (Work, 2.0, 3.0),
            (Wait, 3.0, 4.0),
            (Wait, 4.0, 5.0),
            (Work, 5.0, 6.0),
        ] {
            record(kind, start, end);
        }
        let bars: Vec<(SpanKind, f64, f64, u64)> =
            take().iter().map(|s| (s.kind, s.start_ms, s.end_ms, s.tasks)).collect();
        assert_eq!(
            bars,
            [(Work, 0.0, 1.0, 1), (Lock, 1.0, 1.01, 1), (Work, 1.01, 3.0, 2), (Wait, 3.0, 5.0, 2), (Work, 5.0, 6.0, 1)]
        );
    }

    #[test]
    fn span_records_its_kind_and_the_json_names_it() {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
        let (value, timeline) = pool.install(|| {
            record_run(|| {
                span(SpanKind::Wait, || std::thread::sleep(std::time::Duration::from_millis(1)));
                let held = span(SpanKind::Lock, || 2);
                let worked = task(|| 3);
                (held, worked)
            })
        });
        assert_eq!(value, (2, 3), "span returns what its closure returns");
        let kinds: Vec<SpanKind> = timeline.spans.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SpanKind::Wait, SpanKind::Lock, SpanKind::Work]);
        let json = serde_json::to_value(&timeline).unwrap();
        let names: Vec<&str> = json["spans"].as_array().unwrap().iter().map(|s| s["kind"].as_str().unwrap()).collect();
        assert_eq!(names, ["wait", "lock", "work"]);
        assert_eq!(json["spans"][2]["thread"], 0);
    }
}
