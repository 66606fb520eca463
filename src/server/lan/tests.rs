//! The LAN server's certificate (what it covers, when it is reused and when replaced), the
//! machine's addresses and URLs, the start-up text, and a real TLS connection to the router.

use super::*;
use std::io::Read;
use std::path::PathBuf;

/// A folder under the system's temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(label: &str) -> TempDir {
        let nanos = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_nanos();
        let dir = std::env::temp_dir().join(format!("corelab-lan-{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn days(n: u64) -> Duration {
    Duration::from_secs(n * 86_400)
}

/// A fixed "now", so no test depends on today's date.
fn now() -> SystemTime {
    UNIX_EPOCH + days(20_000) // 2024-10-04
}

fn machine() -> Machine {
    Machine::from_parts(
        Some("Lab-PC"),
        [("wlan0", "192.168.1.20".parse().unwrap()), ("lo", "127.0.0.1".parse().unwrap())],
    )
}

#[test]
fn the_certificate_covers_exactly_the_names_it_was_made_for() {
    let wanted = machine().certificate_names();
    let identity = generate(&wanted, now()).unwrap();
    for name in &wanted {
        covers(&identity.cert_pem, std::slice::from_ref(name), now()).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    for other in ["192.168.1.21", "10.0.0.1", "lab-pc.example", "example.com"] {
        let error = covers(&identity.cert_pem, &names(&[other]), now()).unwrap_err();
        assert_eq!(error, format!("it does not cover {other}"));
    }
}

#[test]
fn the_certificate_is_valid_from_a_day_before_for_a_year() {
    let identity = generate(&names(&["localhost"]), now()).unwrap();
    let localhost = names(&["localhost"]);
    assert!(covers(&identity.cert_pem, &localhost, now() - days(1) + Duration::from_secs(60)).is_ok());
    assert!(covers(&identity.cert_pem, &localhost, now() - days(2)).unwrap_err().contains("not valid yet"));
    assert!(covers(&identity.cert_pem, &localhost, now() + days(u64::from(VALID_DAYS)) - days(1)).is_ok());
    assert!(
        covers(&identity.cert_pem, &localhost, now() + days(u64::from(VALID_DAYS) + 1))
            .unwrap_err()
            .contains("expired")
    );
}

#[test]
fn the_certificate_serves_tls_and_its_key_must_fit() {
    let a = generate(&names(&["localhost"]), now()).unwrap();
    let b = generate(&names(&["localhost"]), now()).unwrap();
    assert!(tls_config(&a).is_ok());
    let mixed = Identity { cert_pem: a.cert_pem.clone(), key_pem: b.key_pem.clone() };
    assert!(tls_config(&mixed).unwrap_err().contains("does not fit"));
    let garbled = Identity { cert_pem: a.cert_pem, key_pem: "not a key".into() };
    assert!(tls_config(&garbled).unwrap_err().contains("cannot be read"));
}

fn saved(dir: &Path) -> (String, String) {
    (std::fs::read_to_string(dir.join(CERT_FILE)).unwrap(), std::fs::read_to_string(dir.join(KEY_FILE)).unwrap())
}

#[test]
fn a_saved_certificate_is_reused_while_it_covers_every_name() {
    let dir = TempDir::new("reuse");
    let folder = dir.0.join("lan-cert"); // created on first use
    let wanted = machine().certificate_names();
    let (_, first) = load_or_create(&folder, &wanted, now()).unwrap();
    assert_eq!(first, Provenance::Created("none was saved yet".into()));
    let files = saved(&folder);
    covers(&files.0, &wanted, now()).unwrap();

    // A later start, well within the year, with the same or fewer names: the same files.
    let (_, second) = load_or_create(&folder, &wanted, now() + days(100)).unwrap();
    assert_eq!(second, Provenance::Reused);
    let (_, fewer) = load_or_create(&folder, &names(&["localhost"]), now() + days(101)).unwrap();
    assert_eq!(fewer, Provenance::Reused);
    assert_eq!(saved(&folder), files);
}

#[test]
fn a_new_address_makes_a_new_certificate_that_covers_it() {
    let dir = TempDir::new("new-address");
    let home = machine().certificate_names();
    load_or_create(&dir.0, &home, now()).unwrap();
    let before = saved(&dir.0);
    let office = Machine::from_parts(Some("lab-pc"), [("wlan0", "10.1.2.3".parse().unwrap())]).certificate_names();
    let (_, provenance) = load_or_create(&dir.0, &office, now()).unwrap();
    assert_eq!(
        provenance,
        Provenance::Created("the saved certificate was replaced: it does not cover 10.1.2.3".into())
    );
    let after = saved(&dir.0);
    assert_ne!(after, before);
    covers(&after.0, &office, now()).unwrap();
}

#[test]
fn a_certificate_about_to_expire_is_replaced() {
    let dir = TempDir::new("expiry");
    let wanted = names(&["localhost", "127.0.0.1"]);
    load_or_create(&dir.0, &wanted, now()).unwrap();
    let valid_until = now() + days(u64::from(VALID_DAYS));
    let (_, still) = load_or_create(&dir.0, &wanted, valid_until - days(u64::from(RENEW_BEFORE_DAYS) + 1)).unwrap();
    assert_eq!(still, Provenance::Reused);
    let (_, soon) = load_or_create(&dir.0, &wanted, valid_until - days(u64::from(RENEW_BEFORE_DAYS) - 1)).unwrap();
    assert_eq!(soon, Provenance::Created("the saved certificate was replaced: it has expired or expires soon".into()));
}

#[test]
fn damaged_files_are_replaced() {
    let dir = TempDir::new("damaged");
    let wanted = names(&["localhost"]);
    load_or_create(&dir.0, &wanted, now()).unwrap();
    let other = generate(&wanted, now()).unwrap();
    std::fs::write(dir.0.join(KEY_FILE), &other.key_pem).unwrap();
    let (_, mismatched) = load_or_create(&dir.0, &wanted, now()).unwrap();
    assert!(matches!(&mismatched, Provenance::Created(why) if why.contains("does not fit")), "{mismatched:?}");

    std::fs::write(dir.0.join(CERT_FILE), "garbage").unwrap();
    let (_, garbled) = load_or_create(&dir.0, &wanted, now()).unwrap();
    assert!(matches!(&garbled, Provenance::Created(why) if why.contains("cannot be read")), "{garbled:?}");

    std::fs::remove_file(dir.0.join(KEY_FILE)).unwrap();
    let (_, missing) = load_or_create(&dir.0, &wanted, now()).unwrap();
    assert_eq!(missing, Provenance::Created("none was saved yet".into()));
    let (_, reused) = load_or_create(&dir.0, &wanted, now()).unwrap();
    assert_eq!(reused, Provenance::Reused);
}

#[cfg(unix)]
#[test]
fn the_key_is_readable_by_its_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = TempDir::new("mode");
    load_or_create(&dir.0, &names(&["localhost"]), now()).unwrap();
    let mode = std::fs::metadata(dir.0.join(KEY_FILE)).unwrap().permissions().mode();
    assert_eq!(mode & 0o077, 0, "{mode:o}");
}

#[test]
fn machine_names_and_urls() {
    let m = Machine::from_parts(
        Some("Lab-PC."),
        [
            ("lo", "127.0.0.1".parse().unwrap()),
            ("docker0", "172.17.0.1".parse().unwrap()),
            ("eth0", "10.0.0.5".parse().unwrap()),
            ("wlan0", "192.168.1.20".parse().unwrap()),
            ("wlan0", "fe80::1".parse().unwrap()),
            ("wlan0", "2001:db8::20".parse().unwrap()),
            ("eth1", "169.254.3.4".parse().unwrap()),
            ("eth0", "10.0.0.5".parse().unwrap()),
        ],
    );
    assert_eq!(m.hostname.as_deref(), Some("lab-pc"));
    assert_eq!(m.addresses, ["192.168.1.20", "10.0.0.5", "172.17.0.1"].map(|a| a.parse::<Ipv4Addr>().unwrap()));
    assert_eq!(
        m.certificate_names(),
        names(&["192.168.1.20", "10.0.0.5", "172.17.0.1", "lab-pc", "lab-pc.local", "localhost", "127.0.0.1", "::1"])
    );
    assert_eq!(
        m.urls(8080),
        names(&[
            "https://192.168.1.20:8080/",
            "https://10.0.0.5:8080/",
            "https://172.17.0.1:8080/",
            "https://lab-pc.local:8080/"
        ])
    );
}

#[test]
fn host_names_that_cannot_be_in_a_certificate_are_left_out() {
    for (given, kept) in [
        (Some("lab.example.org"), Some("lab.example.org")),
        (Some("localhost"), None),
        (Some("two words"), None),
        (Some(""), None),
        (None, None),
    ] {
        let m = Machine::from_parts(given, []);
        assert_eq!(m.hostname.as_deref(), kept, "{given:?}");
    }
    // A dotted name is used as it is, without `.local`.
    let dotted = Machine::from_parts(Some("lab.example.org"), []);
    assert_eq!(dotted.urls(1), names(&["https://lab.example.org:1/"]));
    assert!(!dotted.certificate_names().iter().any(|n| n.ends_with(".local")));
}

#[test]
fn likeliest_lan_address_first() {
    let rank = |name: &str, ip: &str| lan_rank(name, ip.parse().unwrap());
    for (better, worse) in [
        (("wlan0", "192.168.0.2"), ("eth0", "10.0.0.2")),
        (("eth0", "10.0.0.2"), ("eth0", "172.20.0.2")),
        (("eth0", "172.20.0.2"), ("eth0", "100.64.0.2")),
        (("eth0", "100.64.0.2"), ("docker0", "192.168.0.2")),
        (("wlan0", "10.0.0.2"), ("br-3f2a", "192.168.9.1")),
        (("wlan0", "10.0.0.2"), ("virbr0", "192.168.122.1")),
    ] {
        assert!(rank(better.0, better.1) < rank(worse.0, worse.1), "{better:?} before {worse:?}");
    }
}

#[test]
fn the_banner_lists_every_url_with_a_qr_code_and_the_warning() {
    let text = banner(&machine(), 8443, Path::new("/x/lan-cert"), &Provenance::Reused, false);
    let first_line = text.lines().next().unwrap();
    assert_eq!(first_line, "corelab serving at https://192.168.1.20:8443/ over HTTPS, on every network interface");
    for url in
        ["  https://192.168.1.20:8443/", "  https://lab-pc.local:8443/", "On this machine: https://localhost:8443/"]
    {
        assert!(text.lines().any(|l| l == url), "{url} in\n{text}");
    }
    assert!(text.contains(&qr_code("https://192.168.1.20:8443/", false)));
    assert!(text.contains("Advanced → Proceed"));
    assert!(text.contains("Verified in: Chromium."));
    assert!(text.contains("Certificate: /x/lan-cert, reused."));

    let alone = banner(&Machine::from_parts(None, []), 8443, Path::new("c"), &Provenance::Created("why".into()), false);
    assert!(alone.starts_with("corelab serving at https://localhost:8443/ "));
    assert!(alone.contains("No network address found"));
    assert!(alone.contains("Certificate: c, new (why)."));
}

#[test]
fn the_qr_code_is_the_urls_modules_two_rows_a_line() {
    let url = "https://192.168.1.20:8080/";
    let modules = QrCode::new(url).unwrap().width() + 8; // a quiet zone of 4 on each side
    let plain = qr_code(url, false);
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), modules.div_ceil(2));
    assert!(lines.iter().all(|l| l.chars().count() == modules), "{plain}");
    assert!(plain.chars().all(|c| " ▀▄█\n".contains(c)));
    // The quiet zone is light: the first line is blank, and so is every line's edge.
    assert!(lines[0].chars().all(|c| c == ' '));
    let ansi = qr_code(url, true);
    assert_eq!(ansi.lines().count(), lines.len());
    assert!(ansi.lines().all(|l| l.starts_with("\x1b[30;107m") && l.ends_with("\x1b[0m")));
    // A different URL gives a different picture.
    assert_ne!(qr_code("https://192.168.1.21:8080/", false), plain);
}

#[test]
fn plain_http_warns_unless_on_loopback() {
    for host in ["127.0.0.1", "::1", "127.0.0.2"] {
        assert_eq!(plain_http_warning(host.parse().unwrap()), None, "{host}");
    }
    for host in ["0.0.0.0", "::", "192.168.1.20"] {
        let warning = plain_http_warning(host.parse().unwrap()).unwrap_or_else(|| panic!("{host}"));
        assert!(warning.starts_with("warning: "), "{warning}");
        assert!(warning.contains("--lan"), "{warning}");
        assert!(!warning.contains('\n'), "one line: {warning}");
    }
}

/// Starts the TLS server on a fixture folder; returns its port, the certificate, a way to stop
/// it and the server task.
struct Running {
    port: u16,
    cert_pem: String,
    stop: tokio::sync::oneshot::Sender<()>,
    server: tokio::task::JoinHandle<io::Result<()>>,
    _dir: TempDir,
}

async fn start() -> Running {
    let dir = TempDir::new("tls");
    let (www, pkg) = (dir.0.join("www"), dir.0.join("pkg"));
    std::fs::create_dir_all(&www).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    let app = crate::server::router(&crate::server::ServeConfig { www, pkg, isolation: true }).unwrap();
    let wanted = names(&["localhost", "127.0.0.1"]);
    let (tls, _) = load_or_create(&dir.0.join("cert"), &wanted, SystemTime::now()).unwrap();
    let cert_pem = std::fs::read_to_string(dir.0.join("cert").join(CERT_FILE)).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(serve_tls(listener, app, tls, async {
        let _ = stopped.await;
    }));
    Running { port, cert_pem, stop, server, _dir: dir }
}

/// A blocking TLS client that trusts only `cert_pem`: sends `GET /` as `name` and returns the
/// response head, or the TLS error.
fn get_as(port: u16, cert_pem: &str, name: &str) -> Result<String, String> {
    let mut roots = rustls::RootCertStore::empty();
    roots.add(CertificateDer::from_pem_slice(cert_pem.as_bytes()).unwrap()).unwrap();
    let config = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    let server_name = ServerName::try_from(name.to_string()).unwrap();
    let connection = rustls::ClientConnection::new(Arc::new(config), server_name).unwrap();
    let tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut stream = rustls::StreamOwned::new(connection, tcp);
    let request = format!("GET / HTTP/1.1\r\nHost: {name}:{port}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).map_err(|e| e.to_string())?;
    let mut head = Vec::new();
    let mut chunk = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&chunk[..n]);
    }
    Ok(String::from_utf8_lossy(&head).to_ascii_lowercase())
}

#[tokio::test]
async fn the_same_router_over_tls_with_the_isolation_headers() {
    let running = start().await;
    let (port, cert) = (running.port, running.cert_pem.clone());
    let heads = tokio::task::spawn_blocking(move || {
        ["localhost", "127.0.0.1", "somewhere.example"].map(|name| get_as(port, &cert, name))
    })
    .await
    .unwrap();
    for head in &heads[..2] {
        let head = head.as_ref().unwrap();
        assert!(head.starts_with("http/1.1 200"), "{head}");
        assert!(head.contains("cross-origin-opener-policy: same-origin"), "{head}");
        assert!(head.contains("cross-origin-embedder-policy: require-corp"), "{head}");
        assert!(head.contains("cross-origin-resource-policy: same-origin"), "{head}");
    }
    // A name the certificate was not made for fails the handshake, as in a browser.
    let refused = heads[2].as_ref().unwrap_err();
    assert!(refused.contains("not valid for name"), "{refused}");
    running.stop.send(()).unwrap();
    running.server.await.unwrap().unwrap();
}
