//! `corelab serve --lan`: the same router over HTTPS on every network interface, so that a phone
//! or a second computer can take part.
//!
//! A browser grants shared memory (and so the thread pool) only to a page that is cross-origin
//! isolated *and* a secure context. `http://localhost` is a secure context; `http://192.168.1.20`
//! opened from another device is not, whatever headers the server sends. So the other devices
//! get HTTPS, with a self-signed certificate made here by rcgen for this machine's LAN addresses,
//! its host name, `localhost` and the loopback addresses. The browser warns once; after the
//! reader accepts the warning the page is a secure context and isolated (verified in Chromium).
//!
//! The certificate and its key are kept in a folder (`.tools/lan-cert/` by default, git-ignored)
//! and reused while they still cover every current name for at least [`RENEW_BEFORE_DAYS`] days,
//! so a device that accepted the certificate is not asked again after a restart. A new address
//! (another network), a new host name, an expiring or unreadable certificate, or a key that does
//! not match it, makes a new one.
//!
//! Only IPv4 LAN addresses go into the certificate: IPv6 addresses include temporary ones that
//! change every day or so, and each change would make a new certificate (and a new warning).

use std::fmt::Write as _;
use std::future::Future;
use std::io::{self, Write as _};
use std::net::{IpAddr, Ipv4Addr};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::Router;
use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;
use rcgen::{CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, KeyPair, KeyUsagePurpose};
use rustls::ServerConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, ServerName, UnixTime};

/// The certificate's file in the certificate folder (PEM).
pub const CERT_FILE: &str = "cert.pem";
/// The private key's file in the certificate folder (PEM, readable by its owner only).
pub const KEY_FILE: &str = "key.pem";
/// How long a new certificate is valid. A year: well under the 398 days Apple's platforms accept
/// for a server certificate, and long enough that a device is rarely asked again.
pub const VALID_DAYS: u32 = 365;
/// A saved certificate that expires within this many days is replaced at the next start, rather
/// than expiring while the server runs.
pub const RENEW_BEFORE_DAYS: u32 = 7;
/// The folder for the certificate under the project folder, unless `--cert-dir` says otherwise.
pub const DEFAULT_CERT_DIR: &str = ".tools/lan-cert";

/// The browsers in which a page served by `--lan` was verified to be a secure context and
/// cross-origin isolated after its certificate warning was accepted. Only what was run.
pub const VERIFIED_BROWSERS: &str = "Chromium";

/// This machine as other devices on its network reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Machine {
    /// Its host name, lower-cased, when it is a valid DNS name (and not `localhost`).
    pub hostname: Option<String>,
    /// Its IPv4 addresses other than loopback and link-local, the likeliest LAN address first
    /// (see [`lan_rank`]).
    pub addresses: Vec<Ipv4Addr>,
}

impl Machine {
    /// Asks the system for its host name and network interfaces. An error listing interfaces
    /// leaves the address list empty: the server still serves this machine.
    pub fn discover() -> Machine {
        let hostname = gethostname::gethostname();
        let interfaces = if_addrs::get_if_addrs().unwrap_or_default();
        Machine::from_parts(hostname.to_str(), interfaces.iter().map(|i| (i.name.as_str(), i.ip())))
    }

    /// Builds the description from a host name and `(interface name, address)` pairs: keeps the
    /// IPv4 addresses a phone could reach, likeliest first, and the host name if usable.
    pub fn from_parts<'a>(hostname: Option<&str>, interfaces: impl IntoIterator<Item = (&'a str, IpAddr)>) -> Machine {
        let mut found: Vec<(&str, Ipv4Addr)> = interfaces
            .into_iter()
            .filter_map(|(name, ip)| match ip {
                IpAddr::V4(v4) if !v4.is_loopback() && !v4.is_link_local() && !v4.is_unspecified() => Some((name, v4)),
                _ => None,
            })
            .collect();
        // Stable: equal ranks keep the system's order.
        found.sort_by_key(|&(name, ip)| lan_rank(name, ip));
        let mut addresses: Vec<Ipv4Addr> = Vec::new();
        for (_, ip) in found {
            if !addresses.contains(&ip) {
                addresses.push(ip);
            }
        }
        let hostname = hostname
            .map(|h| h.trim().trim_end_matches('.').to_ascii_lowercase())
            .filter(|h| h != "localhost" && is_dns_name(h));
        Machine { hostname, addresses }
    }

    /// The names the certificate must cover: each LAN address, the host name (and, when it has
    /// no dot, `NAME.local`, as mDNS announces it), `localhost`, `127.0.0.1` and `::1`.
    pub fn certificate_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.addresses.iter().map(|ip| ip.to_string()).collect();
        if let Some(host) = &self.hostname {
            names.push(host.clone());
            if !host.contains('.') {
                names.push(format!("{host}.local"));
            }
        }
        names.extend(["localhost", "127.0.0.1", "::1"].map(String::from));
        names
    }

    /// The addresses to open from another device: one per LAN address, then the host name
    /// (as `NAME.local` when it has no dot: that is the form phones resolve, over mDNS).
    pub fn urls(&self, port: u16) -> Vec<String> {
        let mut urls: Vec<String> = self.addresses.iter().map(|ip| format!("https://{ip}:{port}/")).collect();
        if let Some(host) = &self.hostname {
            let host = if host.contains('.') { host.clone() } else { format!("{host}.local") };
            urls.push(format!("https://{host}:{port}/"));
        }
        urls
    }
}

/// Orders addresses by how likely a phone on the same Wi-Fi reaches this machine there: home
/// networks (192.168/16), then 10/8, then 172.16/12 (also Docker's default range), then the rest;
/// interfaces of containers and virtual machines (`docker0`, `br-…`, `veth…`, `virbr…`) last.
/// Lower is likelier.
pub fn lan_rank(interface: &str, ip: Ipv4Addr) -> (bool, u8) {
    const VIRTUAL: [&str; 5] = ["docker", "br-", "veth", "virbr", "vmnet"];
    let is_virtual = VIRTUAL.iter().any(|prefix| interface.starts_with(prefix));
    let [a, b, ..] = ip.octets();
    let range = match (a, b) {
        (192, 168) => 0,
        (10, _) => 1,
        (172, 16..=31) => 2,
        _ => 3,
    };
    (is_virtual, range)
}

fn is_dns_name(name: &str) -> bool {
    matches!(ServerName::try_from(name), Ok(ServerName::DnsName(_)))
}

/// A certificate and its private key, both PEM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    /// The self-signed certificate.
    pub cert_pem: String,
    /// Its private key (PKCS#8).
    pub key_pem: String,
}

/// Where the certificate in use came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// The saved one still covered every name.
    Reused,
    /// A new one was made and saved, for the reason given in words.
    Created(String),
}

/// Makes a self-signed certificate for `names` (DNS names or IP addresses), valid from a day
/// before `now` (a phone's clock may be behind) for [`VALID_DAYS`] days, with an ECDSA P-256
/// key. It says it is for TLS servers (extended key usage serverAuth), which Apple's platforms
/// require of any server certificate.
pub fn generate(names: &[String], now: SystemTime) -> Result<Identity, rcgen::Error> {
    let mut params = CertificateParams::new(names.to_vec())?;
    let start = time::OffsetDateTime::from(now);
    params.not_before = start - time::Duration::days(1);
    params.not_after = start + time::Duration::days(i64::from(VALID_DAYS));
    let mut subject = DistinguishedName::new();
    subject.push(DnType::CommonName, format!("corelab on {}", names.first().map_or("this machine", |n| n)));
    params.distinguished_name = subject;
    params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
    params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
    let key = KeyPair::generate()?;
    let cert = params.self_signed(&key)?;
    Ok(Identity { cert_pem: cert.pem(), key_pem: key.serialize_pem() })
}

/// Checks that the certificate in `cert_pem` would be accepted, by a client that trusts it, for
/// every one of `names` at `at`: the same checks (validity period, signature, serverAuth,
/// subject alternative names) that rustls-webpki runs in a TLS client. The error says which
/// failed, in words.
pub fn covers(cert_pem: &str, names: &[String], at: SystemTime) -> Result<(), String> {
    let der = CertificateDer::from_pem_slice(cert_pem.as_bytes()).map_err(|e| format!("it cannot be read ({e})"))?;
    let cert = webpki::EndEntityCert::try_from(&der).map_err(|e| format!("it cannot be parsed ({e})"))?;
    let anchor = webpki::anchor_from_trusted_cert(&der).map_err(|e| format!("it cannot be parsed ({e})"))?;
    let since_epoch = at.duration_since(UNIX_EPOCH).unwrap_or_default();
    cert.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        &[anchor],
        &[],
        UnixTime::since_unix_epoch(since_epoch),
        webpki::KeyUsage::server_auth(),
        None,
        None,
    )
    .map_err(|e| match e {
        webpki::Error::CertExpired { .. } => "it has expired or expires soon".to_string(),
        webpki::Error::CertNotValidYet { .. } => "it is not valid yet".to_string(),
        other => format!("it does not verify ({other})"),
    })?;
    for name in names {
        let server_name = ServerName::try_from(name.as_str()).map_err(|e| format!("'{name}' is not a name ({e})"))?;
        cert.verify_is_valid_for_subject_name(&server_name).map_err(|_| format!("it does not cover {name}"))?;
    }
    Ok(())
}

/// The TLS settings for `identity`: rustls with the ring provider, TLS 1.2 and 1.3, HTTP/2 and
/// HTTP/1.1 offered. Fails if the key is unreadable or does not belong to the certificate.
pub fn tls_config(identity: &Identity) -> Result<Arc<ServerConfig>, String> {
    let certs = CertificateDer::pem_slice_iter(identity.cert_pem.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("the certificate cannot be read ({e})"))?;
    let key = PrivateKeyDer::from_pem_slice(identity.key_pem.as_bytes())
        .map_err(|e| format!("the key cannot be read ({e})"))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| format!("the key does not fit the certificate ({e})"))?;
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    Ok(Arc::new(config))
}

/// Reuses the certificate saved in `dir` if it covers every one of `names` now and for another
/// [`RENEW_BEFORE_DAYS`] days and its key fits; otherwise makes a new one with [`generate`] and
/// saves it there (the folder is created; the key is readable by its owner only).
pub fn load_or_create(dir: &Path, names: &[String], now: SystemTime) -> io::Result<(Arc<ServerConfig>, Provenance)> {
    let cert_path = dir.join(CERT_FILE);
    let key_path = dir.join(KEY_FILE);
    let why = match (std::fs::read_to_string(&cert_path), std::fs::read_to_string(&key_path)) {
        (Ok(cert_pem), Ok(key_pem)) => match reusable(&Identity { cert_pem, key_pem }, names, now) {
            Ok(config) => return Ok((config, Provenance::Reused)),
            Err(why) => format!("the saved certificate was replaced: {why}"),
        },
        (Err(e), _) | (_, Err(e)) if e.kind() == io::ErrorKind::NotFound => "none was saved yet".to_string(),
        (Err(e), _) | (_, Err(e)) => format!("the saved one cannot be read ({e})"),
    };
    let identity = generate(names, now).map_err(io::Error::other)?;
    let config = tls_config(&identity).map_err(io::Error::other)?;
    std::fs::create_dir_all(dir)?;
    write_private(&key_path, identity.key_pem.as_bytes())?;
    std::fs::write(&cert_path, identity.cert_pem.as_bytes())?;
    Ok((config, Provenance::Created(why)))
}

fn reusable(identity: &Identity, names: &[String], now: SystemTime) -> Result<Arc<ServerConfig>, String> {
    covers(&identity.cert_pem, names, now)?;
    let renew = now + Duration::from_secs(u64::from(RENEW_BEFORE_DAYS) * 86_400);
    covers(&identity.cert_pem, names, renew)?;
    tls_config(identity)
}

fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    // The mode applies only to a new file, so an old key file (whatever its mode) goes first.
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(bytes)
}

/// `url` as a QR code in text, two modules a line (Unicode half blocks) with its quiet zone.
/// With `ansi`, drawn black on white with terminal colours, so it scans on a dark terminal too;
/// without, dark modules are `█` as on paper.
pub fn qr_code(url: &str, ansi: bool) -> String {
    let Ok(code) = QrCode::new(url.as_bytes()) else {
        return String::new(); // only for data far longer than a URL
    };
    let image =
        code.render::<Dense1x2>().dark_color(Dense1x2::Dark).light_color(Dense1x2::Light).quiet_zone(true).build();
    if !ansi {
        return image;
    }
    // Black foreground on a bright white background, reset at the end of every line.
    image.lines().map(|line| format!("\x1b[30;107m{line}\x1b[0m\n")).collect()
}

/// What `corelab serve --lan` prints on start: the `serving at` line (the first URL), every URL,
/// a QR code of the first, and what to expect from the browser.
pub fn banner(machine: &Machine, port: u16, cert_dir: &Path, provenance: &Provenance, ansi: bool) -> String {
    let urls = machine.urls(port);
    let local = format!("https://localhost:{port}/");
    let first = urls.first().unwrap_or(&local);
    let mut out = String::new();
    let _ = writeln!(out, "corelab serving at {first} over HTTPS, on every network interface");
    if urls.is_empty() {
        let _ = writeln!(out, "No network address found: other devices cannot reach this machine until it joins one.");
    } else {
        let _ = writeln!(out, "Open it on a phone or another computer on the same network:");
        for url in &urls {
            let _ = writeln!(out, "  {url}");
        }
    }
    let _ = writeln!(out, "On this machine: {local}");
    let _ = writeln!(out);
    out.push_str(&qr_code(first, ansi));
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "The certificate is self-signed, so the browser warns once (\"Your connection is not private\")."
    );
    let _ = writeln!(out, "Accept it (Advanced → Proceed) and the page is a secure context and cross-origin isolated:");
    let _ = writeln!(out, "threads work. Verified in: {VERIFIED_BROWSERS}.");
    let kept = match provenance {
        Provenance::Reused => "reused".to_string(),
        Provenance::Created(why) => format!("new ({why})"),
    };
    let _ = writeln!(out, "Certificate: {}, {kept}.", cert_dir.display());
    out
}

/// Serves `app` over TLS on `listener` until `shutdown` resolves; connections still open then
/// get a few seconds to finish.
pub async fn serve_tls(
    listener: tokio::net::TcpListener,
    app: Router,
    tls: Arc<ServerConfig>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    let handle = axum_server::Handle::new();
    let stopper = handle.clone();
    tokio::spawn(async move {
        shutdown.await;
        stopper.graceful_shutdown(Some(Duration::from_secs(3)));
    });
    let config = axum_server::tls_rustls::RustlsConfig::from_config(tls);
    axum_server::from_tcp_rustls(listener.into_std()?, config)?.handle(handle).serve(app.into_make_service()).await
}

/// The one-line warning for plain http on an address other devices can reach (anything but
/// loopback): their browsers will not treat the page as a secure context, so it gets no shared
/// memory and no threads whatever headers it is sent. `None` on loopback.
pub fn plain_http_warning(host: IpAddr) -> Option<String> {
    (!host.is_loopback()).then(|| {
        format!(
            "warning: other devices get no threads from plain http on {host}: browsers allow shared memory \
             only over https or on localhost. Use --lan to serve them https."
        )
    })
}

#[cfg(test)]
mod tests;
