//! Edit and Delete on the reader's own comment.

use leptos::html::Button;
use leptos::prelude::*;

use super::{Acts, ItemActs};
use crate::backend::actions;
use crate::edge::{dom, http};
use crate::ui::words;

/// Edit and Delete on the reader's own comment while the server allows it;
/// Delete asks once ("Yes, delete it" / "Keep it").
#[component]
pub fn OwnButtons(acts: Acts, item: ItemActs) -> impl IntoView {
    let s = words();
    let id = item.id;
    let confirming = RwSignal::new(false);
    let (delete_button, confirm_button) = (NodeRef::<Button>::new(), NodeRef::<Button>::new());
    let edit = move |_| {
        if item.editing.get_untracked() {
            return;
        }
        let request = acts.server.with_value(|server| actions::source_request(server, id));
        leptos::task::spawn_local(async move {
            match http::act(request, acts.timeout_ms).await.and_then(|r| actions::read_text(&r)) {
                Ok(text) => {
                    item.text.try_set(text);
                    item.note.try_set(String::new());
                    item.editing.try_set(true);
                }
                Err(e) => {
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let delete = move |_| {
        let request = acts.server.with_value(|server| actions::delete_request(server, id));
        leptos::task::spawn_local(async move {
            match http::act(request, acts.timeout_ms).await.and_then(|r| actions::read_delete(&r)) {
                Ok(_) => {
                    // Gone or kept for its replies: "This comment was deleted."
                    // in its place until the thread is read again.
                    acts.window(id, None);
                    item.editing.try_set(false);
                    item.deleted.try_set(true);
                    item.note.try_set(s.deleted.to_string());
                }
                Err(e) => {
                    confirming.try_set(false);
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let focus_soon = move |target: NodeRef<Button>| {
        request_animation_frame(move || {
            if let Some(el) = target.get_untracked() {
                dom::focus(&el.into());
            }
        })
    };
    view! {
        <span class="cw-own" hidden=move || !acts.can_change(id) || item.deleted.get()>
            <button
                type="button"
                class="cw-button cw-button--link"
                data-cw-edit=""
                node_ref=item.edit_button
                hidden=move || item.editing.get() || confirming.get()
                on:click=edit
            >
                {s.edit}
            </button>
            <button
                type="button"
                class="cw-button cw-button--link"
                data-cw-delete=""
                node_ref=delete_button
                hidden=move || confirming.get()
                on:click=move |_| {
                    confirming.set(true);
                    focus_soon(confirm_button);
                }
            >
                {s.delete}
            </button>
            <button
                type="button"
                class="cw-button cw-button--link cw-button--danger"
                data-cw-confirm=""
                node_ref=confirm_button
                hidden=move || !confirming.get()
                on:click=delete
            >
                {s.delete_confirm}
            </button>
            <button
                type="button"
                class="cw-button cw-button--link"
                data-cw-keep=""
                hidden=move || !confirming.get()
                on:click=move |_| {
                    confirming.set(false);
                    focus_soon(delete_button);
                }
            >
                {s.keep}
            </button>
        </span>
    }
}
