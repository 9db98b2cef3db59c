//! The server: renders each route with leptos_axum, serves the hydrating
//! client from the site root, and binds to `LEPTOS_SITE_ADDR`: its
//! settings come from the `LEPTOS_*` variables cargo-leptos (or serve.sh)
//! sets from `[package.metadata.leptos]`.

#![recursion_limit = "256"]
#[tokio::main]
async fn main() {
    use axum::Router;
    use leptos::prelude::*;
    use leptos_axum::{generate_route_list, LeptosRoutes};
    use leptos_ssr::app::{shell, App};

    let conf = match get_configuration(None) {
        Ok(conf) => conf,
        Err(e) => {
            eprintln!("leptos-ssr: {e}");
            std::process::exit(2);
        }
    };
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let routes = generate_route_list(App);
    let app = Router::new()
        .leptos_routes(&options, routes, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options);
    let listener = match tokio::net::TcpListener::bind(&addr).await {
        Ok(listener) => listener,
        Err(e) => {
            eprintln!("leptos-ssr: cannot listen on {addr}: {e}");
            std::process::exit(2);
        }
    };
    println!("leptos-ssr: http://{addr}");
    if let Err(e) = axum::serve(listener, app.into_make_service()).await {
        eprintln!("leptos-ssr: {e}");
    }
}
