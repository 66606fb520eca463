//! `corelab`: the development server and the catalogue export (the native runner joins later).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use corelab::server::{self, ServeConfig};

#[derive(Parser)]
#[command(version, about = "corelab: parallel computing you can see")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the page with the headers that make it cross-origin isolated.
    Serve {
        /// Port to listen on (0 lets the system pick a free one).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1")]
        host: IpAddr,
        /// Project folder holding www/ and pkg/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Leave out COOP/COEP, as a plain static host would: the page then explains why it
        /// cannot run threads. For demonstrations and tests.
        #[arg(long)]
        no_isolation: bool,
    },
    /// Write the workload declarations as JSON, as the page and the headless runner read them.
    Catalogue {
        /// File to write (stdout when absent).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Serve { port, host, root, no_isolation } => serve(SocketAddr::new(host, port), root, !no_isolation),
        Command::Catalogue { out } => {
            let json = corelab::catalogue::to_json();
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
async fn serve(addr: SocketAddr, root: PathBuf, isolation: bool) -> ExitCode {
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
    let note = if isolation { "" } else { " (without isolation headers)" };
    println!("corelab serving at http://{local}/{note}");
    println!("Press Ctrl+C to stop.");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    match axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
