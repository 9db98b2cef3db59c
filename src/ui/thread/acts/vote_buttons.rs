//! ▲ and ▼ on someone else's comment (▲ alone on Waline, where a second
//! press takes the like back, as Waline's own client does).

use leptos::prelude::*;

use super::{Acts, ItemActs};
use crate::backend::actions::{self, ActionError, Vote};
use crate::edge::http;
use crate::ui::words;

/// ▲ and ▼ with their counts, on someone else's comment: pressed once (the
/// server refuses a second vote from the same address too), `aria-pressed`
/// on the reader's vote, named "Like Ada’s comment (likes: 3)".
#[component]
pub fn VoteButtons(acts: Acts, item: ItemActs, name: String) -> impl IntoView {
    let s = words();
    let id = item.id;
    // Waline counts likes only, and a like can be taken back.
    let backend = acts.server.with_value(|server| server.backend);
    let likes_only = !actions::can_change(backend);
    let press = move |vote: Vote| {
        let undo = likes_only && acts.vote_of(id) == Some(true);
        if acts.vote_of(id).is_some() && !undo {
            item.note.set(s.act_voted.to_string());
            return;
        }
        let request = acts.server.with_value(|server| {
            if undo {
                actions::unlike_request(server, id)
            } else {
                actions::vote_request(server, id, vote)
            }
        });
        leptos::task::spawn_local(async move {
            match http::act(request, acts.timeout_ms).await.and_then(|r| actions::read_vote(backend, &r)) {
                Ok(counts) => {
                    item.votes.try_set(counts);
                    item.note.try_set(String::new());
                    acts.voted(id, (!undo).then_some(vote));
                }
                Err(e) => {
                    if e == ActionError::AlreadyVoted {
                        acts.voted(id, Some(vote));
                    }
                    item.note.try_set(s.action_message(&e));
                }
            }
        });
    };
    let button = move |vote: Vote| {
        let like = vote == Vote::Like;
        let count = move || item.votes.with(|v| if like { v.likes } else { v.dislikes });
        let name = name.clone();
        // Named by its words, which a screen reader reads; seen as ▲ 3.
        view! {
            <button
                type="button"
                class="cw-button cw-button--link cw-vote"
                data-cw-vote=if like { "like" } else { "dislike" }
                aria-pressed=move || if acts.vote_of(id) == Some(like) { "true" } else { "false" }
                on:click=move |_| press(vote)
            >
                <span class="cw-visually-hidden">{move || s.vote_label(like, &name, count())}</span>
                <span aria-hidden="true">{if like { "▲ " } else { "▼ " }} {count}</span>
            </button>
        }
    };
    view! { <span class="cw-votes">{button(Vote::Like)}{(!likes_only).then(|| button(Vote::Dislike))}</span> }
}
