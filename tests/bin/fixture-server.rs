//! Serves the recorded register responses on 127.0.0.1 for trying `raadsvolger sync` and for
//! the desktop app's end-to-end tests: prints its address, then serves until killed.
//!
//! ```text
//! cargo run -p raadsvolger-tests --bin fixture-server -- [--port N] [--realdata DIR]
//! raadsvolger sync notubiz --organisation 952 --base-url http://127.0.0.1:N/notubiz
//! ```

use std::path::PathBuf;

use raadsvolger_tests::server::FixtureServer;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut port = 0u16;
    let mut realdata = raadsvolger_tests::shared("realdata");
    while let Some(a) = args.next() {
        match a.as_str() {
            "--port" => port = args.next().and_then(|p| p.parse().ok()).unwrap_or(0),
            "--realdata" => realdata = args.next().map(PathBuf::from).unwrap_or(realdata),
            other => {
                eprintln!(
                    "fixture-server: unknown argument {other:?} (use --port N, --realdata DIR)"
                );
                std::process::exit(2);
            }
        }
    }
    let server = FixtureServer::start_on(&realdata, &raadsvolger_tests::fixtures(), port);
    println!("{}", server.url);
    loop {
        std::thread::park();
    }
}
