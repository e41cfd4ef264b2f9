//! The memory floor of the desktop benchmark: Tauri 2 and WebKitGTK showing
//! an empty page in a window of the app's size, and nothing else. What the
//! app uses above this is Fieldnotes' own; `make desktop-bench` builds and
//! measures it beside the app.

/// An empty document: a real page, so WebKit starts its web process as it
/// does for the app (about:blank would not).
const EMPTY: &[u8] = b"<!doctype html><html lang=\"en\"><title>floor</title><body></body></html>";

fn main() {
    let app = tauri::Builder::default()
        .register_uri_scheme_protocol("floor", |_, _| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html")
                .body(EMPTY.to_vec())
                .unwrap_or_default()
        })
        .setup(|app| {
            let url = "floor://localhost/".parse().map_err(Box::new)?;
            tauri::WebviewWindowBuilder::new(app, "floor", tauri::WebviewUrl::CustomProtocol(url))
                .title("floor")
                .inner_size(1200.0, 760.0)
                .incognito(true)
                .build()?;
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the floor window could not be created");
    app.run(|_, _| {});
}
