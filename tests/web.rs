//! The reply form in a real browser (headless Chromium via wasm-bindgen-test):
//! what a reader sees and where focus goes when the form has problems. Posting
//! to real servers is proven end to end in tests/e2e/.
#![cfg(target_arch = "wasm32")]

use comment_widget::internal::backend::{Backend, Server};
use comment_widget::internal::config::WidgetConfig;
use comment_widget::internal::i18n::EN;
use comment_widget::internal::ui::Widget;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

fn config() -> WidgetConfig {
    // Nothing listens here; these tests never get as far as sending.
    WidgetConfig::new(Server::new(Backend::Isso, "http://127.0.0.1:9"))
}

/// Lets Leptos render and any focus scheduled with a zero timeout happen.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = JsFuture::from(promise).await;
}

/// The form in `host`, rendered by the `Widget` component as `mount` does
/// (without the thread); dropping what this returns unmounts it (its
/// listeners, effects and timers end).
fn form_in(host: &Element, mut config: WidgetConfig, storage_key: Option<&str>) -> Box<dyn std::any::Any> {
    config.thread = false;
    let storage_key = storage_key.map(str::to_string);
    let host: HtmlElement = host.clone().dyn_into().unwrap();
    Box::new(leptos::mount::mount_to(host, move || {
        view! { <Widget config strings=&EN storage_key reply=RwSignal::new(None) taken_over=None/> }
    }))
}

fn mount() -> Element {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    std::mem::forget(form_in(&host, config(), None));
    host
}

fn find(host: &Element, selector: &str) -> Element {
    host.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}"))
}

fn type_into(el: &Element, text: &str) {
    if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
        input.set_value(text);
    } else {
        el.dyn_ref::<HtmlTextAreaElement>().unwrap().set_value(text);
    }
    let event = web_sys::Event::new_with_event_init_dict("input", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    el.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_form_has_wordpress_fields_with_labels_and_limits() {
    let host = mount();
    settle().await;
    assert_eq!(find(&host, "h3").text_content().unwrap(), "Leave a Reply");
    let notes = find(&host, ".cw-reply__notes").text_content().unwrap();
    assert_eq!(notes, "Your email address will not be published. Required fields are marked *");
    // Isso's limits (config() is Isso): the comment box has no maxlength,
    // which would cut a long paste silently; the rules say "too long" instead.
    for (name, label, maxlength, autocomplete) in [
        ("comment", "Comment *", None, None),
        ("author", "Name *", Some("245"), Some("name")),
        ("email", "Email *", Some("254"), Some("email")),
        ("website", "Website", Some("254"), Some("url")),
    ] {
        let control = find(&host, &format!("[name={name}]"));
        let id = control.id();
        let label_el = find(&host, &format!("label[for={id}]"));
        assert_eq!(label_el.text_content().unwrap(), label);
        assert_eq!(control.get_attribute("maxlength").as_deref(), maxlength, "{name}");
        assert_eq!(control.get_attribute("autocomplete").as_deref(), autocomplete);
    }
    assert!(find(&host, "form").has_attribute("novalidate"));
    assert_eq!(find(&host, "button[type=submit]").text_content().unwrap(), "Post Comment");
    let remember = find(&host, "input[type=checkbox]");
    let label = find(&host, &format!("label[for={}]", remember.id()));
    assert_eq!(
        label.text_content().unwrap(),
        "Save my name, email, and website in this browser for the next time I comment."
    );
}

#[wasm_bindgen_test]
async fn an_empty_submit_shows_the_summary_and_field_errors_and_focuses_the_summary() {
    let host = mount();
    settle().await;
    find(&host, "button[type=submit]").unchecked_into::<HtmlElement>().click();
    settle().await;

    let summary = find(&host, ".cw-summary");
    let links: Vec<String> = {
        let list = summary.query_selector_all("a").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect()
    };
    assert_eq!(links, ["Enter your comment.", "Enter your name.", "Enter your email address."]);
    // GOV.UK Frontend 4.4: the alert role on an inner element, so the whole summary is read.
    assert!(summary.get_attribute("role").is_none());
    assert!(summary.query_selector("[role=alert] .cw-summary__list").unwrap().is_some());
    let active = document().active_element().expect("something has focus");
    assert_eq!(active, summary, "focus must move to the summary");

    for name in ["comment", "author", "email"] {
        let control = find(&host, &format!("[name={name}]"));
        assert_eq!(control.get_attribute("aria-invalid").as_deref(), Some("true"), "{name}");
        let described = control.get_attribute("aria-describedby").unwrap();
        let error_id = described.split(' ').find(|id| id.ends_with("-error")).expect("points at its error");
        let error = find(&host, &format!("#{error_id}"));
        assert!(error.text_content().unwrap().starts_with("Error: Enter your"), "{name}");
    }
    let website = find(&host, "[name=website]");
    assert_eq!(website.get_attribute("aria-invalid"), None);
    // The email field keeps its note and adds its error.
    let email_described = find(&host, "[name=email]").get_attribute("aria-describedby").unwrap();
    assert!(email_described.contains("email-notes"), "{email_described}");
}

#[wasm_bindgen_test]
async fn fixing_a_field_clears_its_message_and_leaves_the_others() {
    let host = mount();
    settle().await;
    find(&host, "button[type=submit]").unchecked_into::<HtmlElement>().click();
    settle().await;

    let comment = find(&host, "[name=comment]");
    type_into(&comment, "ab");
    settle().await;
    // Still wrong, so the message changes to say why.
    assert_eq!(comment.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(find(&host, ".cw-summary").text_content().unwrap().contains("at least 3 characters"));

    type_into(&comment, "abc is fine");
    settle().await;
    assert_eq!(comment.get_attribute("aria-invalid"), None);
    let summary = find(&host, ".cw-summary").text_content().unwrap();
    assert!(!summary.contains("comment"), "{summary}");
    assert!(summary.contains("Enter your name."), "{summary}");

    type_into(&find(&host, "[name=author]"), "Ada");
    type_into(&find(&host, "[name=email]"), "ada@example.org");
    settle().await;
    assert!(host.query_selector(".cw-summary").unwrap().is_none(), "summary goes when all is fixed");
    assert!(host.query_selector("[aria-invalid]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_wordpress_form_takes_wordpress_limits() {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let config =
        WidgetConfig::new(Server { post_id: Some(1), ..Server::new(Backend::WordPressRest, "http://127.0.0.1:9") });
    std::mem::forget(form_in(&host, config, None));
    settle().await;
    for (name, maxlength) in [("author", "245"), ("email", "100"), ("website", "200")] {
        assert_eq!(
            find(&host, &format!("[name={name}]")).get_attribute("maxlength").as_deref(),
            Some(maxlength),
            "{name}"
        );
    }
}

#[wasm_bindgen_test]
async fn unmounting_with_a_draft_save_pending_keeps_the_text_and_a_new_mount_brings_it_back() {
    let key = "comment-widget:test:unmount";
    let storage = window().local_storage().unwrap().unwrap();
    storage.remove_item(key).unwrap();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let owner = form_in(&host, config(), Some(key));
    settle().await;
    type_into(&find(&host, "[name=comment]"), "Typed just before the page took the form away");
    // The 400 ms save is pending: unmount now. Nothing may trap, and the
    // text must be written at once rather than lost with the timer.
    drop(owner);
    let saved = storage.get_item(key).unwrap().expect("the draft is written at unmount");
    assert!(saved.contains("Typed just before"), "{saved}");
    // The old timer must not fire into the disposed form (a trap would fail this test).
    let wait = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 600);
    });
    let _ = JsFuture::from(wait).await;
    host.set_inner_html("");
    let again = form_in(&host, config(), Some(key));
    settle().await;
    let comment = find(&host, "[name=comment]").dyn_into::<HtmlTextAreaElement>().unwrap();
    assert_eq!(comment.value(), "Typed just before the page took the form away");
    assert!(find(&host, ".cw-notice").text_content().unwrap().contains("unsent comment"));
    drop(again);
    storage.remove_item(key).unwrap();
}
