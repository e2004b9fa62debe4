//! How long the engine takes on the temporary residence form: loading and
//! compiling the rules, and validating a complete dossier for one applicant
//! and for a household of eight.
//!
//! ```sh
//! cargo run --release -p dossier-engine --example bench_validate
//! ```
//!
//! Prints median and 95th percentile figures; asserts nothing about time.
//! The budget that matters is in the browser (wasm): a household of 8
//! re-validated in under 2 ms at p95, since the web shell re-validates on
//! every answer. These native figures are indicative of that, no more.

use dossier_engine::answers::Dossier;
use dossier_engine::rules;
use dossier_engine::validate::{validate, Clock};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const RULES_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../rules");
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/complete-with-host.json"
);

const LOAD_RUNS: usize = runs(200);
const VALIDATE_RUNS: usize = runs(2_000);

/// `BENCH_QUICK=1` at build time cuts the runs a hundredfold, for profiling.
const fn runs(n: usize) -> usize {
    match option_env!("BENCH_QUICK") {
        Some(_) => n / 100,
        None => n,
    }
}
const WARM_UP: usize = 100;
const BUDGET_HOUSEHOLD_P95: Duration = Duration::from_millis(2);

fn main() {
    let dir = Path::new(RULES_DIR);
    if cfg!(debug_assertions) {
        println!("note: a debug build; run with --release for meaningful figures");
    }
    println!(
        "temporary-residence: {LOAD_RUNS} runs per compile figure, {VALIDATE_RUNS} per validate figure"
    );

    // Loading: every file of the folder read, parsed and checked.
    let set = match rules::load_dir(dir) {
        Ok(set) => set,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            std::process::exit(1);
        }
    };
    let load = measure(LOAD_RUNS, || {
        black_box(rules::load_dir(black_box(dir)).is_ok());
    });
    report("compile the form: load_dir (whole rules folder)", &load);

    // What the browser does at start-up: decode the packed form.
    let packed = rules::pack::pack(&rules::pack::Packed {
        form: set
            .form("temporary-residence")
            .expect("the form ships")
            .clone(),
        sources: Vec::new(),
    });
    let unpack = measure(LOAD_RUNS, || {
        black_box(rules::pack::unpack(black_box(&packed)).is_ok());
    });
    report("load the packed form (what the browser does)", &unpack);

    // Validating.
    let form = set.form("temporary-residence").expect("the form ships");
    let clock =
        Clock::at(chrono::DateTime::parse_from_rfc3339("2026-11-21T10:00:00+08:00").unwrap());
    let text = std::fs::read_to_string(FIXTURE).expect("the fixture");
    let one: Dossier = serde_json::from_str(&text).expect("the fixture is a dossier");
    let issues = validate(form, &one, clock).issues().count();
    if issues != 0 {
        eprintln!("the fixture should be valid but has {issues} issue(s)");
        std::process::exit(1);
    }
    let household = Dossier {
        filler: one.filler.clone(),
        applicants: vec![one.applicants[0].clone(); 8],
    };

    let single = measure(VALIDATE_RUNS, || {
        black_box(validate(form, black_box(&one), clock));
    });
    report("validate 1 applicant", &single);
    let eight = measure(VALIDATE_RUNS, || {
        black_box(validate(form, black_box(&household), clock));
    });
    report("validate household of 8", &eight);

    let p95 = eight.p95;
    println!(
        "budget: household of 8 re-validated under {} at p95 in the browser; \
         native p95 here is {} ({}), indicative only",
        human(BUDGET_HOUSEHOLD_P95),
        human(p95),
        if p95 <= BUDGET_HOUSEHOLD_P95 {
            "within budget"
        } else {
            "OVER budget"
        }
    );
}

struct Figures {
    median: Duration,
    p95: Duration,
    min: Duration,
    max: Duration,
}

/// Runs `f` a few times to warm up, then `runs` times, each timed alone.
fn measure(runs: usize, mut f: impl FnMut()) -> Figures {
    for _ in 0..WARM_UP.min(runs) {
        f();
    }
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    samples.sort_unstable();
    let rank = |p: usize| samples[(runs * p).div_ceil(100).clamp(1, runs) - 1];
    Figures {
        median: rank(50),
        p95: rank(95),
        min: samples[0],
        max: samples[runs - 1],
    }
}

fn report(what: &str, f: &Figures) {
    println!(
        "{what}: median {}, p95 {} (min {}, max {})",
        human(f.median),
        human(f.p95),
        human(f.min),
        human(f.max)
    );
}

fn human(d: Duration) -> String {
    let micros = d.as_secs_f64() * 1e6;
    if micros < 1_000.0 {
        format!("{micros:.0} µs")
    } else {
        format!("{:.2} ms", micros / 1_000.0)
    }
}
