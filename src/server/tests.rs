//! Server behaviour the page relies on: isolation headers, MIME types, and refused paths.

use super::*;
use axum::http::Request;
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
    std::fs::write(www.join("style.css"), "body{}").unwrap();
    std::fs::write(pkg.join("corelab_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(pkg.join("catalogue.json"), "{}").unwrap();
    std::fs::write(dir.join("secret.txt"), "outside").unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), www.join("leak.txt")).unwrap();
    std::os::unix::fs::symlink(&dir, www.join("up")).unwrap();
    std::os::unix::fs::symlink(www.join("style.css"), www.join("alias.css")).unwrap();
    let app = router(&ServeConfig { www, pkg, isolation }).unwrap();
    Fixture { dir, app }
}

async fn send(app: &Router, method: Method, uri: &str) -> Response {
    let request = Request::builder().method(method).uri(uri).body(Body::empty()).unwrap();
    app.clone().oneshot(request).await.unwrap()
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
async fn a_taken_port_is_explained() {
    let taken = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let error = bind(taken.local_addr().unwrap()).await.unwrap_err();
    assert!(error.contains("is already in use"), "{error}");
    assert!(error.contains("--port"), "{error}");
}
