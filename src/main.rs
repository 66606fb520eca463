//! `corelab`: the development server, the native runner and the catalogue export.

use std::io::IsTerminal;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::SystemTime;

use clap::{Parser, Subcommand};
use corelab::limits;
use corelab::server::{self, ServeConfig, lan};

#[derive(Parser)]
#[command(version, about = "corelab: parallel computing you can see")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum ScalingArg {
    Strong,
    Weak,
}

fn budget_seconds(text: &str) -> Result<f64, String> {
    let range = limits::BUDGET_S;
    match text.parse::<f64>() {
        Ok(s) if range.contains(s) => Ok(s),
        _ => Err(format!("'{text}' is not allowed; use a number of seconds from {} to {}", range.min, range.max)),
    }
}

/// The options of `corelab serve`.
#[derive(clap::Args)]
struct ServeArgs {
    /// Port to listen on (0 lets the system pick a free one).
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on [default: 127.0.0.1]. Plain http on any other address warns that
    /// other devices get no threads that way.
    #[arg(long, conflicts_with = "lan")]
    host: Option<IpAddr>,
    /// Project folder holding www/ and pkg/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Leave out COOP/COEP, as a plain static host would: the page then explains why it
    /// cannot run threads. For demonstrations and tests.
    #[arg(long)]
    no_isolation: bool,
    /// Serve HTTPS on every network interface, for phones and other computers on this network,
    /// with a self-signed certificate for this machine's LAN addresses, its host name, localhost
    /// and 127.0.0.1. Prints the URLs and a QR code of the first. The browser warns once about
    /// the certificate; accept it (Advanced → Proceed) and the page is isolated. Listens on
    /// 0.0.0.0 (every interface), so it takes no --host.
    #[arg(long)]
    lan: bool,
    /// With --lan: the folder for the certificate and its key, reused while they cover this
    /// machine's addresses [default: ROOT/.tools/lan-cert].
    #[arg(long, requires = "lan", value_name = "DIR")]
    cert_dir: Option<PathBuf>,
}

/// The options of `corelab bench`.
#[derive(clap::Args)]
struct BenchArgs {
    /// Workload ids, comma-separated or repeated (default: all).
    #[arg(long, value_delimiter = ',')]
    workload: Vec<String>,
    /// Worker counts: a list (1,2,4) or a range (1-4). Default: 1 to the number of cores.
    #[arg(long)]
    workers: Option<String>,
    /// Timed runs per worker count, after one warm-up run: a number from 1 to 100, or `auto`
    /// (sample until the median's 95% interval is within ±3%, or the budget is spent).
    #[arg(long, default_value_t = limits::REPEATS.default.to_string())]
    repeats: String,
    /// With `--repeats auto`: the time budget per worker count, in seconds (1 to 600, default 30).
    #[arg(long, value_parser = budget_seconds)]
    budget: Option<f64>,
    /// strong: the same problem at every worker count; weak: the problem grows with the
    /// workers, by each workload's declared rule (Gustafson's scaled speedup).
    #[arg(long, value_enum, default_value_t = ScalingArg::Strong)]
    scaling: ScalingArg,
    /// A workload parameter by its declared name, NAME=VALUE; repeatable.
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// Use each workload's quick sizes.
    #[arg(long)]
    quick: bool,
    /// Sweep one parameter instead of the worker count: NAME=V1,V2,... runs each value in the
    /// order given, for one --workload at one --workers K. Speedups are null and there are no
    /// fits: no 1-worker baseline relates runs of different parameters.
    #[arg(long, value_name = "NAME=V1,V2,...")]
    vary: Option<String>,
    /// Write the results JSON here.
    #[arg(long)]
    out: Option<PathBuf>,
    /// The device's name in the results (`"label"`), as the results page shows it: "office
    /// server", say. Without it the page names the results by runtime, system, CPU and cores.
    #[arg(long, value_parser = device_label)]
    label: Option<String>,
}

/// A label as the results page keeps it: 1 to 80 characters, spaces collapsed.
fn device_label(text: &str) -> Result<String, String> {
    let label = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match label.chars().count() {
        0 => Err("give a name, e.g. --label \"office server\"".into()),
        n if n > 80 => Err(format!("at most 80 characters (got {n})")),
        _ => Ok(label),
    }
}

#[derive(Subcommand)]
enum Command {
    /// Serve the page with the headers that make it cross-origin isolated.
    ///
    /// Plain http on 127.0.0.1 by default, for this machine. Other devices need --lan: over
    /// plain http from another address no browser grants the page shared memory (threads).
    Serve(ServeArgs),
    /// Run workloads on a native rayon pool of exactly k threads per point and write the page's
    /// results format (runtime "native").
    Bench(BenchArgs),
    /// Write the workload declarations as JSON, as the page and the headless runner read them.
    Catalogue {
        /// File to write (stdout when absent).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The built wasm, whose SHA-256 names the build in the catalogue (`build.wasm`).
        #[arg(long)]
        wasm: Option<PathBuf>,
    },
    /// Print the Content-Security-Policy the server sends with every response.
    Csp {
        /// The policy as a `<meta http-equiv>` carries it: without frame-ancestors, which
        /// browsers ignore there (`./build.sh dist` puts it into every page).
        #[arg(long)]
        meta: bool,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Bench(args) => bench(args),
        Command::Serve(args) => serve(args),
        Command::Csp { meta } => {
            println!("{}", if meta { server::CONTENT_SECURITY_POLICY_META } else { server::CONTENT_SECURITY_POLICY });
            ExitCode::SUCCESS
        }
        Command::Catalogue { out, wasm } => {
            let wasm = match wasm.as_deref().map(std::fs::read).transpose() {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!("error: cannot read the wasm: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let json = corelab::catalogue::to_json(wasm.as_deref());
            match out {
                None => println!("{json}"),
                Some(path) => {
                    if let Err(e) = std::fs::write(&path, json + "\n") {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        return ExitCode::FAILURE;
                    }
                }
            }
            ExitCode::SUCCESS
        }
    }
}

#[tokio::main]
async fn serve(args: ServeArgs) -> ExitCode {
    let ServeArgs { port, host, root, no_isolation, lan, cert_dir } = args;
    let isolation = !no_isolation;
    let host = if lan { IpAddr::V4(Ipv4Addr::UNSPECIFIED) } else { host.unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST)) };
    let addr = SocketAddr::new(host, port);
    let config = ServeConfig { www: root.join("www"), pkg: root.join("pkg"), isolation };
    for dir in [&config.www, &config.pkg] {
        if !dir.is_dir() {
            eprintln!("error: {} is missing; run ./build.sh serve from the project folder", dir.display());
            return ExitCode::FAILURE;
        }
    }
    let app = match server::router(&config) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let listener = match server::bind(addr).await {
        Ok(listener) => listener,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let local = listener.local_addr().expect("bound socket has an address");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let served = if lan {
        let machine = lan::Machine::discover();
        let cert_dir = cert_dir.unwrap_or_else(|| root.join(lan::DEFAULT_CERT_DIR));
        let (tls, provenance) = match lan::load_or_create(&cert_dir, &machine.certificate_names(), SystemTime::now()) {
            Ok(made) => made,
            Err(e) => {
                eprintln!("error: cannot make or save the certificate in {}: {e}", cert_dir.display());
                return ExitCode::FAILURE;
            }
        };
        print!("{}", lan::banner(&machine, local.port(), &cert_dir, &provenance, std::io::stdout().is_terminal()));
        if !isolation {
            println!("(without isolation headers)");
        }
        println!("Press Ctrl+C to stop.");
        lan::serve_tls(listener, app, tls, shutdown).await
    } else {
        let note = if isolation { "" } else { " (without isolation headers)" };
        println!("corelab serving at http://{local}/{note}");
        if let Some(warning) = lan::plain_http_warning(local.ip()) {
            eprintln!("{warning}");
        }
        println!("Press Ctrl+C to stop.");
        axum::serve(listener, app).with_graceful_shutdown(shutdown).await
    };
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn bench(args: BenchArgs) -> ExitCode {
    use corelab::bench::{self as runner, BenchOptions, Repeats, Scaling, Vary};
    let fail = |message: String| {
        eprintln!("error: {message}");
        ExitCode::from(2)
    };
    let BenchArgs { workload: workloads, workers, repeats, budget, scaling, params, quick, vary, out, label } = args;
    let scaling = match scaling {
        ScalingArg::Strong => Scaling::Strong,
        ScalingArg::Weak => Scaling::Weak,
    };
    // A budget without auto would be quietly ignored: the runs are counted, not timed.
    if budget.is_some() && repeats != "auto" {
        return fail(
            "--budget sets the time per worker count of --repeats auto: give --repeats auto too, or drop --budget"
                .into(),
        );
    }
    let repeats = match Repeats::parse(&repeats, budget.unwrap_or(limits::BUDGET_S.default)) {
        Ok(repeats) => repeats,
        Err(e) => return fail(e),
    };
    let vary = match vary.as_deref().map(Vary::parse).transpose() {
        Ok(vary) => vary,
        Err(e) => return fail(e),
    };
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let workers = match workers {
        Some(text) => match runner::parse_workers(&text, limits::MAX_WORKERS) {
            Ok(w) => w,
            Err(e) => return fail(e),
        },
        // A sweep of a parameter holds the worker count fixed, so it takes no default: the
        // runner then asks for --workers K rather than silently picking one for this machine.
        None if vary.is_some() => Vec::new(),
        None => (1..=cores).collect(),
    };
    let mut pairs = Vec::new();
    for pair in params {
        match pair.split_once('=') {
            Some((name, value)) => pairs.push((name.trim().to_string(), value.trim().to_string())),
            None => return fail(format!("--param takes NAME=VALUE (got '{pair}')")),
        }
    }
    let options = BenchOptions { workloads, workers, repeats, scaling, params: pairs, quick, vary };
    let mut doc = match runner::run(&options) {
        Ok(doc) => doc,
        Err(e) => return fail(e),
    };
    if let Some(label) = label {
        doc["label"] = label.into();
    }
    print!("{}", runner::table(&doc));
    if let Some(path) = out {
        let text = serde_json::to_string_pretty(&doc).expect("results serialise") + "\n";
        if let Err(e) = std::fs::write(&path, text) {
            return fail(format!("cannot write {}: {e}", path.display()));
        }
        eprintln!("wrote {}", path.display());
    }
    // A demonstration whose checks held is not verified, and not a failure either.
    let failed = |r: &serde_json::Value| r["verified"] != true && r["demonstrates"].is_null();
    let any_failed = doc["runs"].as_array().into_iter().flatten().any(failed);
    if any_failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
