//! A logged-in reader's note ([`AccountNote`]) and the members-only
//! sentence ([`MustLogIn`]).

use leptos::prelude::*;

use crate::backend::Account;
use crate::ui::words;

/// "Logged in as Ada. Edit your profile. Log out? Required fields are
/// marked *": WordPress's note above a logged-in user's form.
#[component]
pub fn AccountNote(
    /// Who, and their profile's and log-out's addresses.
    account: Account,
) -> impl IntoView {
    let s = words();
    view! {
        <p class="cw-reply__notes cw-reply__account">
            {s.logged_in_as.replace("{name}", &account.name)}
            {account.profile.map(|href| view! { " "<a href=href>{s.edit_profile}</a>"." })}
            {account.logout.map(|href| view! { " "<a href=href>{s.log_out}</a> })}
            " "
            <span>{s.required_mark_label}" "<span class="cw-required">"*"</span></span>
        </p>
    }
}

/// "You must be logged in to post a comment. Log in", in the form's place on
/// a site where only logged-in users comment.
#[component]
pub fn MustLogIn(
    /// The login page (it brings the reader back to this post).
    href: String,
) -> impl IntoView {
    let strings = words();
    view! {
        <p class="cw-reply__notes cw-must-log-in">
            {strings.must_log_in}" "<a href=href>{strings.log_in}</a>
        </p>
    }
}
