//! The development server: serves the pages (`www/`, as the build minified them in `pkg/site/`
//! while that copy is up to date: see [`SITE_DIR`]) and the build output (`pkg/`) with the headers that
//! make a page cross-origin isolated, which `SharedArrayBuffer`, and so the wasm thread pool,
//! requires. It answers GET and HEAD only and never serves a file outside its two folders.
//! Text and wasm go out compressed (brotli or gzip) to a browser that asks for it. Every response
//! carries `Referrer-Policy: no-referrer`, and every one a browser applies a policy to (a page, a
//! worker's script, anything asked for without `Sec-Fetch-Dest`) a strict [`CONTENT_SECURITY_POLICY`].
//! [`lan`] serves the same router over HTTPS to the other devices on the network.

use std::io;
use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{Extensions, HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Version, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use tower::ServiceExt;
use tower_http::CompressionLevel;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub mod lan;

/// Where the server finds its files and which headers it sends.
#[derive(Clone, Debug)]
pub struct ServeConfig {
    /// The page: `www/`, served at `/`.
    pub www: PathBuf,
    /// The build output: `pkg/`, served at `/pkg/`.
    pub pkg: PathBuf,
    /// Send COOP/COEP. Off only to show (and test) what the page does on a host without them.
    pub isolation: bool,
}

/// The prefix under which the build output is served.
pub const PKG_PREFIX: &str = "/pkg/";

/// The prefix under which the kernels of one build are served for good: `/build/<id>/<file>` is
/// `pkg/<file>` while `<id>` is the current wasm's id (`build.wasm` in pkg/catalogue.json), sent
/// with `Cache-Control: immutable`. The compute worker imports the glue from there, so the glue,
/// its snippets and the wasm resolve there too, and each pool worker that `initThreadPool(k)`
/// starts imports them from the browser's cache instead of asking the server again (each
/// revalidation is a round trip on the pool start's critical path: the glue's import took 17 ms
/// in a fresh worker here, 11 ms from the cache). A rebuild changes the id, so nothing stale is
/// ever used; an id that is not the current build's is a 404 (a page older than the build).
pub const BUILD_PREFIX: &str = "/build/";

/// Where, inside `pkg/`, the build writes the pages as they go out (`scripts/site.mjs`): `www/`
/// with its scripts and stylesheet minified, each script with its source map, and brotli and gzip
/// copies of each. A page file is sent from there while that copy is at least as new as its
/// source in `www/`; else (an edit since the last build, or no build of the pages at all) the
/// source itself goes out, compressed on the fly, so an edit shows at the next reload.
pub const SITE_DIR: &str = "site";

/// Responses smaller than this go out as they are: the encoding's own framing would eat most of
/// the gain.
pub const MIN_COMPRESSED_BYTES: u64 = 256;

/// The content types that are compressed: text (HTML, JS, CSS) and JSON, SVG and wasm. Images and
/// fonts other than SVG are compressed already.
const COMPRESSED_TYPES: [&str; 4] = ["application/wasm", "application/javascript", "application/json", "image/svg+xml"];

// The text of the policy below, shared by the two constants.
macro_rules! csp_without_frame_ancestors {
    () => {
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; \
         connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
    };
}

/// The Content-Security-Policy, as a `<meta http-equiv>` can carry it (without
/// `frame-ancestors`, which browsers ignore there, with a console error). `./build.sh dist` puts
/// it into every page of the static site (`corelab csp --meta`).
///
/// - `default-src 'self'`: nothing from another origin, whatever the kind.
/// - `script-src 'self' 'wasm-unsafe-eval'`: the page's own modules and the vendored scripts in
///   `pkg/vendor/`; no inline script, no `eval`. `'wasm-unsafe-eval'` lets the compute worker and
///   the pool workers compile the kernels (a worker gets the policy of its script's response).
/// - `style-src 'self'`: the one stylesheet; no `<style>` and no `style=""` (styles set from JS
///   through `element.style` are not governed by CSP, which is what Chart.js does).
/// - `img-src 'self'`: the favicon; charts and the computed images are canvases, and the QR code
///   of `serve --lan` is printed in the terminal, not served.
/// - `connect-src 'self'`: the catalogue and the wasm, fetched from this origin.
/// - `worker-src 'self'`: every worker comes from this origin: the compute worker, the pool's
///   workers (from the helper script's own URL, not wasm-bindgen-rayon's `blob:` copy: see
///   scripts/patch-pool-helper.mjs), the summing workers, the locale and memory probe workers,
///   and coi-serviceworker on a static host.
/// - `object-src 'none'`, `base-uri 'none'`: no plugins, and no `<base>` to redirect relative URLs.
/// - `form-action 'none'`: every form is handled by script (its submit event is cancelled), so
///   none is ever sent anywhere.
pub const CONTENT_SECURITY_POLICY_META: &str = csp_without_frame_ancestors!();

/// The Content-Security-Policy header (see [`content_security_policy`] for which responses carry
/// it): [`CONTENT_SECURITY_POLICY_META`] and
/// `frame-ancestors 'none'` (no other site may frame the page; only a header can say so).
pub const CONTENT_SECURITY_POLICY: &str = concat!(csp_without_frame_ancestors!(), "; frame-ancestors 'none'");

/// Builds the router. Both folders must exist.
pub fn router(config: &ServeConfig) -> io::Result<Router> {
    let roots = Roots { www: config.www.canonicalize()?, pkg: config.pkg.canonicalize()? };
    // Brotli where the request accepts it (Chromium asks for it over https and from localhost),
    // else gzip, and the file as it is without Accept-Encoding. The layer never compresses a
    // range (206), a HEAD or a 304 (no body), and adds `Vary: Accept-Encoding`. The header layers
    // below wrap it, so compressed responses carry the isolation headers too. Brotli quality 5
    // (the layer's default is 4): 7% fewer bytes for the page's modules at the same speed (16 ms
    // for all of them), where 9 saves no more and 11 takes 330 ms.
    let compression = CompressionLayer::new()
        .quality(CompressionLevel::Precise(5))
        .compress_when(SizeAbove::new(MIN_COMPRESSED_BYTES).and(compressible));
    let mut app = Router::new()
        // The build writes brotli and gzip copies of its output (scripts/precompress.mjs, at the
        // strongest settings); those go out as they are, and the layer below skips them.
        .nest_service("/pkg", pkg_files(&roots.pkg))
        .route("/build/{id}/{*file}", get(build_file).head(build_file))
        .fallback(get(page_file).head(page_file))
        .with_state(roots.clone())
        .layer(middleware::from_fn_with_state(roots, guard))
        .layer(compression);
    let mut headers = vec![
        ("cross-origin-resource-policy", "same-origin"),
        ("x-content-type-options", "nosniff"),
        // Always revalidate, so a rebuilt wasm is picked up by the next page load.
        ("cache-control", "no-cache"),
        // Nothing links elsewhere that needs to know where the reader came from.
        ("referrer-policy", "no-referrer"),
    ];
    if config.isolation {
        headers.push(("cross-origin-opener-policy", "same-origin"));
        headers.push(("cross-origin-embedder-policy", "require-corp"));
    }
    for (name, value) in headers {
        let (name, value) = (HeaderName::from_static(name), HeaderValue::from_static(value));
        // A build's files keep their own `immutable`; everything else is revalidated.
        app = app.layer(if name == header::CACHE_CONTROL {
            SetResponseHeaderLayer::if_not_present(name, value)
        } else {
            SetResponseHeaderLayer::overriding(name, value)
        });
    }
    Ok(app.layer(middleware::from_fn(content_security_policy)))
}

/// The `Sec-Fetch-Dest` values of the requests whose responses a browser applies a
/// Content-Security-Policy to: what becomes a document (a page, a frame, an embedded object) or a
/// worker. A module, a stylesheet, an image or a `fetch()` runs under the policy of the document
/// or worker that loads it, and ignores one of its own.
const POLICY_DESTINATIONS: [&str; 8] =
    ["document", "iframe", "frame", "embed", "object", "worker", "sharedworker", "serviceworker"];

/// Adds [`CONTENT_SECURITY_POLICY`] to the responses a browser applies it to, and to every
/// response to a request that does not say where it goes (no `Sec-Fetch-Dest`: a client other
/// than a browser, or an old one). Sent on every response, the header was 330 of the 710 bytes
/// of headers each of the page load's 28 responses carried (issue 11, bytes on the wire).
async fn content_security_policy(request: Request, next: Next) -> Response {
    let destination = request.headers().get("sec-fetch-dest").and_then(|v| v.to_str().ok()).map(str::to_owned);
    let mut response = next.run(request).await;
    if destination.is_none_or(|d| POLICY_DESTINATIONS.contains(&d.as_str())) {
        response
            .headers_mut()
            .insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    }
    response
}

/// Whether a response's content type is one of text/* or [`COMPRESSED_TYPES`].
fn compressible(_: StatusCode, _: Version, headers: &HeaderMap, _: &Extensions) -> bool {
    let Some(content_type) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence.starts_with("text/") || COMPRESSED_TYPES.contains(&essence.as_str())
}

#[derive(Clone)]
struct Roots {
    www: PathBuf,
    pkg: PathBuf,
}

impl Roots {
    /// The id of the wasm in pkg/ now (`build.wasm` in its catalogue). Read on every request for
    /// a build's file (a few per pool start; the catalogue parses in well under a millisecond),
    /// so a rebuild is followed at once.
    fn current_build(&self) -> Option<String> {
        let bytes = std::fs::read(self.pkg.join("catalogue.json")).ok()?;
        let json: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        json["build"]["wasm"].as_str().map(String::from)
    }
}

/// The build output, with the brotli and gzip copies the build writes beside it.
fn pkg_files(pkg: &Path) -> ServeDir {
    ServeDir::new(pkg).precompressed_br().precompressed_gzip()
}

/// A file of the pages: the build's copy from [`SITE_DIR`] while it is up to date, else the
/// source from `www/`. A source map exists only in the build's copy. The guard has already
/// refused paths that climb out of `www/`.
async fn page_file(State(roots): State<Roots>, request: Request) -> Response {
    let decoded = percent_decode_str(request.uri().path()).decode_utf8_lossy().into_owned();
    let mut relative = decoded.trim_start_matches('/').to_owned();
    if relative.is_empty() || relative.ends_with('/') {
        relative.push_str("index.html");
    }
    let site = roots.pkg.join(SITE_DIR);
    let built = modified(&site.join(&relative));
    let source = modified(&roots.www.join(&relative));
    let from_site = match (built, source) {
        (Some(built), Some(source)) => built >= source && !escapes(&site, &relative),
        (Some(_), None) => relative.ends_with(".map") && !escapes(&site, &relative),
        _ => false,
    };
    let Ok(response) = if from_site {
        ServeDir::new(&site).precompressed_br().precompressed_gzip().oneshot(request).await
    } else {
        ServeDir::new(&roots.www).oneshot(request).await
    };
    response.map(Body::new)
}

/// When the file at `path` was last changed, or None where there is no such file.
fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).ok().filter(|m| m.is_file()).and_then(|m| m.modified().ok())
}

/// `/build/<id>/<file>`: see [`BUILD_PREFIX`].
async fn build_file(State(roots): State<Roots>, request: Request) -> Response {
    let path = request.uri().path().to_owned();
    let Some((id, file)) = path.strip_prefix(BUILD_PREFIX).and_then(|rest| rest.split_once('/')) else {
        return refuse(StatusCode::NOT_FOUND);
    };
    if roots.current_build().as_deref() != Some(id) {
        let message = "not the current build of the kernels: reload the page\n";
        return (StatusCode::NOT_FOUND, message).into_response();
    }
    let decoded = percent_decode_str(file).decode_utf8_lossy();
    if escapes(&roots.pkg, &decoded) {
        return refuse(StatusCode::NOT_FOUND);
    }
    let (mut parts, body) = request.into_parts();
    let Ok(uri) = format!("/{file}").parse() else {
        return refuse(StatusCode::BAD_REQUEST);
    };
    parts.uri = uri;
    let Ok(response) = pkg_files(&roots.pkg).oneshot(Request::from_parts(parts, body)).await;
    let mut response = response.map(Body::new);
    if response.status().is_success() {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    }
    response
}

/// Refuses what ServeDir would otherwise have to get right on its own: other methods, paths
/// that climb out (`..`, also percent-encoded), odd bytes, and symlinks that lead outside.
async fn guard(State(roots): State<Roots>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, [(header::ALLOW, "GET, HEAD")], "only GET and HEAD\n").into_response();
    }
    let raw = request.uri().path();
    let Ok(decoded) = percent_decode_str(raw).decode_utf8() else {
        return refuse(StatusCode::BAD_REQUEST);
    };
    if decoded.contains(['\0', '\\']) || decoded.split('/').any(|part| part == "..") {
        return refuse(StatusCode::BAD_REQUEST);
    }
    let (root, rest) = match decoded.strip_prefix(PKG_PREFIX) {
        Some(rest) => (&roots.pkg, rest),
        None => (&roots.www, &decoded[..]),
    };
    if escapes(root, rest) {
        return refuse(StatusCode::NOT_FOUND);
    }
    next.run(request).await
}

/// Whether `relative` under `root` resolves, through symlinks, to somewhere outside `root`.
fn escapes(root: &Path, relative: &str) -> bool {
    let mut path = root.to_path_buf();
    for component in Path::new(relative).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir | Component::RootDir => {}
            Component::ParentDir | Component::Prefix(_) => return true,
        }
    }
    match path.canonicalize() {
        Ok(real) => !real.starts_with(root),
        // Missing files are ServeDir's to answer with 404.
        Err(_) => false,
    }
}

fn refuse(status: StatusCode) -> Response {
    let mut response = Response::new(Body::from(format!("{}\n", status.canonical_reason().unwrap_or(""))));
    *response.status_mut() = status;
    response
}

/// Binds `addr`, explaining the usual failure (the port is taken) in words.
pub async fn bind(addr: SocketAddr) -> Result<tokio::net::TcpListener, String> {
    tokio::net::TcpListener::bind(addr).await.map_err(|e| match e.kind() {
        io::ErrorKind::AddrInUse => format!(
            "port {} on {} is already in use (is another `corelab serve` running?). \
             Stop it, or pick another port with --port N.",
            addr.port(),
            addr.ip()
        ),
        _ => format!("cannot listen on {addr}: {e}"),
    })
}

#[cfg(test)]
mod tests;
