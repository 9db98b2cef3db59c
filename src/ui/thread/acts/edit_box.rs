//! The box a reader edits their own comment in.

use leptos::html::Textarea;
use leptos::prelude::*;

use super::{Acts, ItemActs};
use crate::backend::actions::{self, edit_window};
use crate::draft::{CommentDraft, Field};
use crate::edge::{dom, http, storage};
use crate::memory::edit_key;
use crate::ui::words;

/// The reader's comment open for editing, in place of its text: checked by
/// the server's rules before it is sent, kept in the browser as it is typed
/// (a reload brings it back), Save and Cancel.
#[component]
pub fn EditBox(acts: Acts, item: ItemActs) -> impl IntoView {
    let s = words();
    let id = item.id;
    let key = StoredValue::new(acts.server.with_value(|server| edit_key(server, id)));
    let area = NodeRef::<Textarea>::new();
    request_animation_frame(move || {
        if let Some(el) = area.get_untracked() {
            dom::focus(&el.into());
        }
    });
    let close = move || {
        key.with_value(|k| storage::remove(k));
        item.editing.try_set(false);
        request_animation_frame(move || {
            if let Some(el) = item.edit_button.get_untracked() {
                dom::focus(&el.into());
            }
        });
    };
    let save = move |_| {
        let text = item.text.get_untracked();
        let draft = CommentDraft { comment: text.clone(), ..Default::default() };
        if let Some(e) = draft.check_field(Field::Comment, &acts.rules) {
            item.note.set(s.field_message(Field::Comment, &e));
            return;
        }
        let request = acts.server.with_value(|server| actions::edit_request(server, id, draft.comment_to_send()));
        leptos::task::spawn_local(async move {
            let answer = http::act(request, acts.timeout_ms).await;
            let window = answer.as_ref().ok().and_then(|r| r.set_cookie.as_deref().and_then(edit_window));
            match answer.and_then(|r| actions::read_text(&r)) {
                Ok(html) => {
                    item.html.try_set(html);
                    item.note.try_set(String::new());
                    acts.window(id, window);
                    close();
                }
                Err(e) => {
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let label_id = format!("cw-edit-{id}");
    view! {
        <div class="cw-edit">
            <label class="cw-visually-hidden" for=label_id.clone()>{s.editing_label}</label>
            <textarea
                id=label_id
                class="cw-field__input cw-field__input--comment"
                rows="5"
                node_ref=area
                prop:value=move || item.text.get()
                on:input:target=move |ev| {
                    let text = ev.target().value();
                    key.with_value(|k| storage::save(k, &text));
                    item.text.set(text);
                }
            ></textarea>
            <p class="cw-edit__actions">
                <button type="button" class="cw-button" data-cw-save="" on:click=save>{s.save}</button>
                " "
                <button type="button" class="cw-button cw-button--secondary" data-cw-cancel="" on:click=move |_| close()>
                    {s.edit_cancel}
                </button>
            </p>
        </div>
    }
}
