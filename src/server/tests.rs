//! Server behaviour the page relies on: isolation headers, MIME types, refused paths, and
//! compression (issue 11: the wasm and the scripts went out uncompressed).

use super::*;
use axum::http::Request;
use std::io::Read;
use tower::ServiceExt;

struct Fixture {
    dir: PathBuf,
    app: Router,
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn fixture(isolation: bool) -> Fixture {
    let dir = std::env::temp_dir().join(format!(
        "corelab-server-test-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    ));
    let www = dir.join("www");
    let pkg = dir.join("pkg");
    std::fs::create_dir_all(www.join("js")).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(www.join("index.html"), "<!doctype html><title>t</title>").unwrap();
    std::fs::write(www.join("js/main.js"), "export {};").unwrap();
    std::fs::write(www.join("js/app.js"), APP_JS).unwrap();
    std::fs::write(www.join("style.css"), "body{}").unwrap();
    std::fs::write(www.join("photo.png"), fake_png()).unwrap();
    std::fs::write(pkg.join("corelab_bg.wasm"), fake_wasm()).unwrap();
    std::fs::write(pkg.join("catalogue.json"), "{}").unwrap();
    std::fs::write(dir.join("secret.txt"), "outside").unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), www.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(&dir, www.join("up")).unwrap();
    std::os::unix::fs::symlink(www.join("style.css"), www.join("alias.css")).unwrap();
    let app = router(&ServeConfig { www, pkg, isolation }).unwrap();
    Fixture { dir, app }
}

/// A script well above [`MIN_COMPRESSED_BYTES`], repetitive as real code is.
const APP_JS: &str = concat!(
    "export function sum(values) { let total = 0; for (const v of values) total += v; return total; }\n",
    "export function mean(values) { return values.length ? sum(values) / values.length : NaN; }\n",
    "export function spread(values) { return Math.max(...values) - Math.min(...values); }\n",
    "export const LABELS = ['median', 'interval', 'samples', 'speedup', 'efficiency', 'verified'];\n",
);

/// A wasm module's header and 16 KiB of code-like bytes.
fn fake_wasm() -> Vec<u8> {
    let mut bytes = b"\0asm\x01\0\0\0".to_vec();
    bytes.extend((0..16_384u32).map(|i| [0x20, 0x00, 0x41, 0x01, 0x6a, 0x21, 0x00, (i % 61) as u8][i as usize % 8]));
    bytes
}

/// A PNG signature and 4 KiB after it: already compressed, so it must go out as it is.
fn fake_png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend(std::iter::repeat_n(7u8, 4096));
    bytes
}

async fn send(app: &Router, method: Method, uri: &str) -> Response {
    send_with(app, method, uri, &[]).await
}

async fn send_with(app: &Router, method: Method, uri: &str, headers: &[(&str, &str)]) -> Response {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    app.clone().oneshot(request.body(Body::empty()).unwrap()).await.unwrap()
}

async fn body_of(response: Response) -> Vec<u8> {
    axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()
}

fn decode(encoding: &str, bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match encoding {
        "br" => brotli_decompressor::Decompressor::new(bytes, 4096).read_to_end(&mut out).unwrap(),
        "gzip" => flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap(),
        other => panic!("unexpected content-encoding {other:?}"),
    };
    out
}

fn served(f: &Fixture, uri: &str) -> Vec<u8> {
    let path = match uri.strip_prefix(PKG_PREFIX) {
        Some(rest) => f.dir.join("pkg").join(rest),
        None => f.dir.join("www").join(uri.trim_start_matches('/')),
    };
    std::fs::read(path).unwrap()
}

/// The headers every response needs, compressed or not.
fn assert_isolation_headers(response: &Response, context: &str) {
    for (name, value) in [
        ("cross-origin-opener-policy", "same-origin"),
        ("cross-origin-embedder-policy", "require-corp"),
        ("cross-origin-resource-policy", "same-origin"),
        ("x-content-type-options", "nosniff"),
        ("cache-control", "no-cache"),
    ] {
        assert_eq!(header_of(response, name), value, "{name} on {context}");
    }
    assert_security_headers(response, context);
}

/// The Content-Security-Policy and Referrer-Policy, which every response to a request without
/// `Sec-Fetch-Dest` carries, isolated or not (see the_security_policy_goes_where_a_browser_applies_it).
fn assert_security_headers(response: &Response, context: &str) {
    assert_eq!(header_of(response, "content-security-policy"), CONTENT_SECURITY_POLICY, "CSP on {context}");
    assert_eq!(header_of(response, "referrer-policy"), "no-referrer", "Referrer-Policy on {context}");
}

fn header_of<'a>(response: &'a Response, name: &str) -> &'a str {
    response.headers().get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

#[tokio::test]
async fn isolation_headers_on_every_response() {
    let f = fixture(true);
    for uri in ["/", "/js/main.js", "/pkg/corelab_bg.wasm", "/missing"] {
        let response = send(&f.app, Method::GET, uri).await;
        assert_eq!(header_of(&response, "cross-origin-opener-policy"), "same-origin", "{uri}");
        assert_eq!(header_of(&response, "cross-origin-embedder-policy"), "require-corp", "{uri}");
    }
}

#[tokio::test]
async fn the_security_policy_is_on_every_response_refusals_and_404s_included() {
    for isolation in [true, false] {
        let f = fixture(isolation);
        let requests = [
            (Method::GET, "/"),
            (Method::GET, "/js/app.js"),
            (Method::GET, "/pkg/corelab_bg.wasm"),
            (Method::GET, "/missing"),
            (Method::GET, "/pkg/missing.js"),
            (Method::GET, "/build/ffffffffffffffff/corelab_bg.wasm"),
            (Method::GET, "/leak.txt"),
            (Method::GET, "/%2e%2e/secret.txt"),
            (Method::HEAD, "/"),
            (Method::POST, "/"),
        ];
        for (method, uri) in requests {
            let context = format!("{method} {uri} (isolation {isolation})");
            let response = send(&f.app, method, uri).await;
            assert_security_headers(&response, &context);
        }
    }
}

#[test]
fn the_security_policy_allows_only_this_origin_and_wasm() {
    let directives: Vec<&str> = CONTENT_SECURITY_POLICY.split(';').map(str::trim).collect();
    for expected in [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(directives.contains(&expected), "{expected} in {CONTENT_SECURITY_POLICY}");
    }
    assert!(!CONTENT_SECURITY_POLICY.contains("unsafe-inline"));
    assert!(!CONTENT_SECURITY_POLICY.contains("'unsafe-eval'"));
    assert!(!CONTENT_SECURITY_POLICY.contains('*'));
    // The <meta> form is the same policy less frame-ancestors, which a <meta> cannot carry.
    assert_eq!(format!("{CONTENT_SECURITY_POLICY_META}; frame-ancestors 'none'"), CONTENT_SECURITY_POLICY);
    assert!(!CONTENT_SECURITY_POLICY_META.contains("frame-ancestors"));
}

#[tokio::test]
async fn without_isolation_the_headers_are_absent() {
    let f = fixture(false);
    let response = send(&f.app, Method::GET, "/").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header_of(&response, "cross-origin-opener-policy"), "");
    assert_eq!(header_of(&response, "cross-origin-embedder-policy"), "");
}

#[tokio::test]
async fn mime_types() {
    let f = fixture(true);
    for (uri, mime) in [
        ("/", "text/html"),
        ("/js/main.js", "text/javascript"),
        ("/style.css", "text/css"),
        ("/pkg/corelab_bg.wasm", "application/wasm"),
        ("/pkg/catalogue.json", "application/json"),
        ("/alias.css", "text/css"),
    ] {
        let response = send(&f.app, Method::GET, uri).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert!(header_of(&response, "content-type").starts_with(mime), "{uri}: {:?}", response.headers());
    }
}

#[tokio::test]
async fn head_works_and_other_methods_are_refused() {
    let f = fixture(true);
    assert_eq!(send(&f.app, Method::HEAD, "/js/main.js").await.status(), StatusCode::OK);
    for method in [Method::POST, Method::PUT, Method::DELETE, Method::OPTIONS] {
        let response = send(&f.app, method.clone(), "/js/main.js").await;
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(header_of(&response, "allow"), "GET, HEAD");
    }
}

#[tokio::test]
async fn paths_outside_the_served_folders_are_refused() {
    let f = fixture(true);
    for uri in [
        "/../secret.txt",
        "/js/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/pkg/../secret.txt",
        "/pkg/%2e%2e/secret.txt",
        "/..%5csecret.txt",
        "//etc/passwd",
        "/%2Fetc%2Fpasswd",
        "/leak.txt",
        "/up/secret.txt",
        "/%00",
        "/%ff",
    ] {
        let status = send(&f.app, Method::GET, uri).await.status();
        assert!(status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST, "{uri} gave {status}");
    }
}

#[tokio::test]
async fn text_and_wasm_are_compressed_as_asked_and_keep_the_isolation_headers() {
    let f = fixture(true);
    for (uri, mime) in [("/pkg/corelab_bg.wasm", "application/wasm"), ("/js/app.js", "text/javascript")] {
        let original = served(&f, uri);
        for encoding in ["br", "gzip"] {
            let context = format!("{uri} with Accept-Encoding: {encoding}");
            let response = send_with(&f.app, Method::GET, uri, &[("accept-encoding", encoding)]).await;
            assert_eq!(response.status(), StatusCode::OK, "{context}");
            assert_eq!(header_of(&response, "content-encoding"), encoding, "{context}");
            assert!(header_of(&response, "content-type").starts_with(mime), "{context}");
            assert!(header_of(&response, "vary").to_ascii_lowercase().contains("accept-encoding"), "{context}");
            assert_isolation_headers(&response, &context);
            let body = body_of(response).await;
            assert!(body.len() < original.len(), "{context}: {} bytes for {}", body.len(), original.len());
            assert_eq!(decode(encoding, &body), original, "{context}");
        }
    }
}

#[tokio::test]
async fn the_builds_precompressed_copies_go_out_as_they_are() {
    let f = fixture(true);
    let pkg = f.dir.join("pkg");
    let script = APP_JS.repeat(4);
    std::fs::write(pkg.join("corelab.js"), &script).unwrap();
    // What scripts/precompress.mjs writes: a brotli and a gzip copy beside the file.
    let mut gzip = Vec::new();
    flate2::read::GzEncoder::new(script.as_bytes(), flate2::Compression::best()).read_to_end(&mut gzip).unwrap();
    std::fs::write(pkg.join("corelab.js.gz"), &gzip).unwrap();
    let response = send_with(&f.app, Method::GET, "/pkg/corelab.js", &[("accept-encoding", "gzip")]).await;
    assert_eq!(header_of(&response, "content-encoding"), "gzip");
    assert!(header_of(&response, "content-type").starts_with("text/javascript"));
    assert_isolation_headers(&response, "a precompressed copy");
    // The copy itself, byte for byte: not compressed a second time by the layer.
    assert_eq!(body_of(response).await, gzip);
    // No brotli copy: brotli on the fly, as for every other file.
    let response = send_with(&f.app, Method::GET, "/pkg/corelab.js", &[("accept-encoding", "br")]).await;
    assert_eq!(header_of(&response, "content-encoding"), "br");
    assert_eq!(decode("br", &body_of(response).await), script.as_bytes());
    // Without Accept-Encoding, the file itself.
    let response = send(&f.app, Method::GET, "/pkg/corelab.js").await;
    assert_eq!(header_of(&response, "content-encoding"), "");
    assert_eq!(body_of(response).await, script.as_bytes());
}

#[tokio::test]
async fn a_builds_kernels_are_served_for_good_under_its_id_and_only_its_own() {
    let f = fixture(true);
    let pkg = f.dir.join("pkg");
    std::fs::write(pkg.join("catalogue.json"), r#"{"build": {"version": "0.1.0", "wasm": "00aa11bb22cc33dd"}}"#)
        .unwrap();
    std::fs::create_dir_all(pkg.join("snippets/x")).unwrap();
    std::fs::write(pkg.join("snippets/x/inline0.js"), "export const x = 1;").unwrap();
    for (uri, file) in [
        ("/build/00aa11bb22cc33dd/corelab_bg.wasm", "corelab_bg.wasm"),
        ("/build/00aa11bb22cc33dd/snippets/x/inline0.js", "snippets/x/inline0.js"),
    ] {
        let response = send(&f.app, Method::GET, uri).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(header_of(&response, "cache-control"), "public, max-age=31536000, immutable", "{uri}");
        for (name, value) in [
            ("cross-origin-opener-policy", "same-origin"),
            ("cross-origin-embedder-policy", "require-corp"),
            ("cross-origin-resource-policy", "same-origin"),
        ] {
            assert_eq!(header_of(&response, name), value, "{name} on {uri}");
        }
        assert_security_headers(&response, uri);
        assert_eq!(body_of(response).await, std::fs::read(pkg.join(file)).unwrap(), "{uri}");
    }
    // Compressed from the build's copies like the rest of pkg/.
    let response =
        send_with(&f.app, Method::GET, "/build/00aa11bb22cc33dd/corelab_bg.wasm", &[("accept-encoding", "br")]).await;
    assert_eq!(header_of(&response, "content-encoding"), "br");
    assert_security_headers(&response, "a build's compressed wasm");
    assert_eq!(decode("br", &body_of(response).await), fake_wasm());
    // Another build's id (a page older than the build) or a path out of pkg/: not found, and
    // nothing that could be cached for good.
    for uri in [
        "/build/ffffffffffffffff/corelab_bg.wasm",
        "/build/00aa11bb22cc33dd/../../secret.txt",
        "/build/00aa11bb22cc33dd",
    ] {
        let response = send(&f.app, Method::GET, uri).await;
        assert!(response.status().is_client_error(), "{uri}: {}", response.status());
        assert_eq!(header_of(&response, "cache-control"), "no-cache", "{uri}");
    }
    // A rebuild changes the id, and the server follows it.
    std::fs::write(pkg.join("catalogue.json"), r#"{"build": {"version": "0.1.0", "wasm": "ffffffffffffffff"}}"#)
        .unwrap();
    assert_eq!(send(&f.app, Method::GET, "/build/ffffffffffffffff/corelab_bg.wasm").await.status(), StatusCode::OK);
    assert_eq!(
        send(&f.app, Method::GET, "/build/00aa11bb22cc33dd/corelab_bg.wasm").await.status(),
        StatusCode::NOT_FOUND
    );
    // pkg/ itself is still revalidated every time.
    assert_eq!(header_of(&send(&f.app, Method::GET, "/pkg/corelab_bg.wasm").await, "cache-control"), "no-cache");
}

#[tokio::test]
async fn a_browsers_accept_encoding_gets_brotli() {
    let f = fixture(true);
    let response =
        send_with(&f.app, Method::GET, "/pkg/corelab_bg.wasm", &[("accept-encoding", "gzip, deflate, br, zstd")]).await;
    assert_eq!(header_of(&response, "content-encoding"), "br");
    let response = send_with(&f.app, Method::GET, "/js/app.js", &[("accept-encoding", "gzip, deflate")]).await;
    assert_eq!(header_of(&response, "content-encoding"), "gzip");
}

#[tokio::test]
async fn without_accept_encoding_the_body_is_the_file() {
    let f = fixture(true);
    for headers in [&[][..], &[("accept-encoding", "identity")], &[("accept-encoding", "zstd")]] {
        for uri in ["/pkg/corelab_bg.wasm", "/js/app.js"] {
            let context = format!("{uri} with {headers:?}");
            let response = send_with(&f.app, Method::GET, uri, headers).await;
            assert_eq!(response.status(), StatusCode::OK, "{context}");
            assert_eq!(header_of(&response, "content-encoding"), "", "{context}");
            let original = served(&f, uri);
            assert_eq!(header_of(&response, "content-length"), original.len().to_string(), "{context}");
            assert_isolation_headers(&response, &context);
            assert_eq!(body_of(response).await, original, "{context}");
        }
    }
}

#[tokio::test]
async fn head_and_ranges_still_work_and_are_not_compressed() {
    let f = fixture(true);
    let original = served(&f, "/pkg/corelab_bg.wasm");
    let br = [("accept-encoding", "br, gzip")];

    let head = send_with(&f.app, Method::HEAD, "/pkg/corelab_bg.wasm", &br).await;
    assert_eq!(head.status(), StatusCode::OK);
    assert_eq!(header_of(&head, "content-encoding"), "");
    assert_eq!(header_of(&head, "content-length"), original.len().to_string());
    assert_isolation_headers(&head, "HEAD");
    assert!(body_of(head).await.is_empty());

    let range = send_with(&f.app, Method::GET, "/pkg/corelab_bg.wasm", &[br[0], ("range", "bytes=100-1099")]).await;
    assert_eq!(range.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(header_of(&range, "content-encoding"), "");
    assert_eq!(header_of(&range, "content-range"), format!("bytes 100-1099/{}", original.len()));
    assert_isolation_headers(&range, "a range");
    assert_eq!(body_of(range).await, &original[100..1100]);
}

#[tokio::test]
async fn small_and_already_compressed_files_go_out_as_they_are() {
    let f = fixture(true);
    for uri in ["/js/main.js", "/photo.png"] {
        let response = send_with(&f.app, Method::GET, uri, &[("accept-encoding", "br, gzip")]).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(header_of(&response, "content-encoding"), "", "{uri}");
        assert_eq!(body_of(response).await, served(&f, uri), "{uri}");
    }
}

#[tokio::test]
async fn a_taken_port_is_explained() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let error = bind(taken.local_addr().unwrap()).await.unwrap_err();
    assert!(error.contains("is already in use"), "{error}");
    assert!(error.contains("--port"), "{error}");
}

#[tokio::test]
async fn a_page_file_goes_out_from_the_builds_minified_copy_while_it_is_up_to_date() {
    let f = fixture(true);
    let site = f.dir.join("pkg").join(SITE_DIR);
    std::fs::create_dir_all(site.join("js")).unwrap();
    // What scripts/site.mjs writes, a moment after the source: the minified script and its map.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(site.join("js/app.js"), "export const LABELS=[];//# sourceMappingURL=app.js.map\n").unwrap();
    std::fs::write(site.join("js/app.js.map"), r#"{"version":3,"sources":["app.js"]}"#).unwrap();
    std::fs::write(site.join("index.html"), "<!doctype html><title>built</title>").unwrap();
    let body = |response| async { String::from_utf8(body_of(response).await).unwrap() };
    let response = send(&f.app, Method::GET, "/js/app.js").await;
    assert_isolation_headers(&response, "a built page file");
    assert_eq!(body(response).await, "export const LABELS=[];//# sourceMappingURL=app.js.map\n");
    assert!(body(send(&f.app, Method::GET, "/js/app.js.map").await).await.contains("\"sources\""));
    assert_eq!(body(send(&f.app, Method::GET, "/").await).await, "<!doctype html><title>built</title>");
    // Files the build has not copied go out from www/.
    assert_eq!(body(send(&f.app, Method::GET, "/js/main.js").await).await, "export {};");
    // An edit since the build: the source goes out, compressed on the fly as before.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(f.dir.join("www/js/app.js"), APP_JS).unwrap();
    let response = send_with(&f.app, Method::GET, "/js/app.js", &[("accept-encoding", "br")]).await;
    assert_eq!(header_of(&response, "content-encoding"), "br");
    assert_eq!(decode("br", &body_of(response).await), APP_JS.as_bytes());
    // A map with no source beside it is the build's; any other file only in the copy is not served.
    std::fs::write(site.join("js/stale.js"), "export {};").unwrap();
    assert_eq!(send(&f.app, Method::GET, "/js/stale.js").await.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_security_policy_goes_where_a_browser_applies_it() {
    let f = fixture(true);
    for destination in ["document", "iframe", "worker", "sharedworker", "serviceworker"] {
        let response = send_with(&f.app, Method::GET, "/js/app.js", &[("sec-fetch-dest", destination)]).await;
        assert_security_headers(&response, destination);
    }
    // A page's modules, stylesheet, images and fetches run under the page's own policy.
    for (destination, uri) in
        [("script", "/js/app.js"), ("style", "/style.css"), ("image", "/photo.png"), ("empty", "/pkg/corelab_bg.wasm")]
    {
        let response = send_with(&f.app, Method::GET, uri, &[("sec-fetch-dest", destination)]).await;
        assert_eq!(header_of(&response, "content-security-policy"), "", "{destination} {uri}");
        assert_eq!(header_of(&response, "referrer-policy"), "no-referrer", "{destination} {uri}");
        assert_eq!(header_of(&response, "cross-origin-resource-policy"), "same-origin", "{destination} {uri}");
        assert_eq!(header_of(&response, "cross-origin-embedder-policy"), "require-corp", "{destination} {uri}");
    }
}
