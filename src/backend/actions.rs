//! What a reader does to a comment already shown, where the server lets
//! them: vote on others' comments, edit or delete their own while the
//! server's window is open (Isso), and preview what they are writing as the
//! server will show it. Each is a request to build and an answer to read,
//! pure like the rest of `backend`; `ui::thread` and `ui::reply_form` wire them.
//!
//! Isso's API (isso/views/comments.py, 0.14): `POST /id/N/like|dislike`
//! answers `{"likes", "dislikes"}` (with a `message` when the vote was not
//! counted: the reader's own comment, or their address voted already) or
//! `null` for a comment that is gone; `GET /id/N?plain=1`, `PUT /id/N` and
//! `DELETE /id/N` need the signed cookie the post set (sent with
//! `credentials: "include"`) and answer 403 once it expired; `DELETE` answers
//! `null` when the comment went, or the comment kept as "deleted" (`mode` 4)
//! when it has replies; `POST /preview` answers `{"text": html}`.

use serde_json::{json, Value};

pub use super::isso::edit_window;
use super::text::{text_html, text_of_error_page};
use super::{Backend, HttpRequest, HttpResponse, Method, Server};
use crate::draft::FieldError;
pub use crate::outcome::ActionError;

/// A like or a dislike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vote {
    Like,
    Dislike,
}

/// A comment's counts after a vote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(any(feature = "ssr", feature = "hydrate"), derive(serde::Serialize, serde::Deserialize))]
pub struct Votes {
    pub likes: u32,
    pub dislikes: u32,
}

/// True when `backend` lets readers act on comments shown: vote (Isso,
/// Waline), and edit and delete their own ([`can_change`]).
pub fn can_act(backend: Backend) -> bool {
    matches!(backend, Backend::Isso | Backend::Waline)
}

/// True when `backend` lets readers edit and delete their own comments
/// for a while, and dislike others' (Isso).
pub fn can_change(backend: Backend) -> bool {
    backend == Backend::Isso
}

fn isso(server: &Server, method: Method, path: &str, body: Option<Value>) -> Option<HttpRequest> {
    if !can_change(server.backend) {
        return None;
    }
    let url = format!("{}{path}", server.endpoint);
    let mut request = match body {
        // Isso refuses a POST, PUT or DELETE whose type is not JSON (its CSRF guard).
        Some(body) => HttpRequest::with(method, url, "application/json", crate::json::write(&body)),
        None => HttpRequest::with(method, url, "", String::new()),
    };
    request.credentials = true;
    Some(request)
}

/// `POST /id/N/like` or `/dislike` (Isso); `PUT /api/comment/N` with
/// `{"like": true}` (Waline, which counts likes only).
pub fn vote_request(server: &Server, id: u64, vote: Vote) -> Option<HttpRequest> {
    if server.backend == Backend::Waline {
        return (vote == Vote::Like).then(|| waline_like(server, id, true));
    }
    let which = if vote == Vote::Like { "like" } else { "dislike" };
    isso(server, Method::Post, &format!("/id/{id}/{which}"), Some(json!({})))
}

/// Takes a like back where the server lets a reader do so (Waline's
/// `{"like": false}`; Isso keeps every vote).
pub fn unlike_request(server: &Server, id: u64) -> Option<HttpRequest> {
    (server.backend == Backend::Waline).then(|| waline_like(server, id, false))
}

fn waline_like(server: &Server, id: u64, like: bool) -> HttpRequest {
    let url = format!("{}/{id}", super::waline::comments_url(server));
    HttpRequest::with(Method::Put, url, "application/json", crate::json::write(&json!({ "like": like })))
}

/// The counts `backend`'s answer to a vote gives, or why it did not count.
pub fn read_vote(backend: Backend, response: &HttpResponse) -> Result<Votes, ActionError> {
    if backend == Backend::Waline {
        // Waline: the comment with its new count, or a refusal.
        let data = super::waline::data(response).map_err(|_| ActionError::Failed)?;
        let likes = data.get("like").and_then(Value::as_u64).ok_or(ActionError::Gone)?;
        return Ok(Votes { likes: u32::try_from(likes).unwrap_or(u32::MAX), dislikes: 0 });
    }
    let json = answer(response)?;
    if json.is_null() {
        return Err(ActionError::Gone);
    }
    let count = |k: &str| json.get(k).and_then(Value::as_u64).and_then(|n| u32::try_from(n).ok());
    match (count("likes"), count("dislikes")) {
        (Some(likes), Some(dislikes)) if json.get("message").is_none() => Ok(Votes { likes, dislikes }),
        (Some(_), Some(_)) => Err(ActionError::AlreadyVoted),
        _ => Err(ActionError::Failed),
    }
}

/// `GET /id/N?plain=1`: the comment's text as the reader wrote it, to edit.
pub fn source_request(server: &Server, id: u64) -> Option<HttpRequest> {
    isso(server, Method::Get, &format!("/id/{id}?plain=1"), None)
}

/// The `text` of an Isso answer: the stored Markdown of a
/// [`source_request`], the edited comment's HTML after an [`edit_request`],
/// the rendered HTML of a [`preview_request`] (HTML is untrusted, as any
/// comment's, and goes through the allowlist).
pub fn read_text(response: &HttpResponse) -> Result<String, ActionError> {
    answer(response)?.get("text").and_then(Value::as_str).map(str::to_string).ok_or(ActionError::Failed)
}

/// `PUT /id/N` with the new text.
pub fn edit_request(server: &Server, id: u64, text: &str) -> Option<HttpRequest> {
    isso(server, Method::Put, &format!("/id/{id}"), Some(json!({ "text": text.trim_end() })))
}

/// `DELETE /id/N`.
pub fn delete_request(server: &Server, id: u64) -> Option<HttpRequest> {
    isso(server, Method::Delete, &format!("/id/{id}"), None)
}

/// What a delete left: `false` when the comment went, `true` when it stays
/// as "deleted" (it has replies).
pub fn read_delete(response: &HttpResponse) -> Result<bool, ActionError> {
    let json = answer(response)?;
    match json {
        Value::Null => Ok(false),
        Value::Object(_) => Ok(true),
        _ => Err(ActionError::Failed),
    }
}

/// The request for a preview of `text` where the server renders one (Isso's
/// Markdown); `None` where the widget shows it itself ([`local_preview`]).
pub fn preview_request(server: &Server, text: &str) -> Option<HttpRequest> {
    let mut request = isso(server, Method::Post, "/preview", Some(json!({ "text": text.trim_end() })))?;
    request.credentials = false;
    Some(request)
}

/// A preview the widget makes itself, for servers that do not render one:
/// WordPress's as WordPress will show it (`wordpress_text`), the others'
/// as text, paragraphs on blank lines and line breaks kept.
pub fn local_preview(backend: Backend, text: &str) -> String {
    match backend {
        Backend::WordPressRest | Backend::WordPressForm => super::wordpress_text::preview(text),
        _ => text_html(text),
    }
}

/// The JSON of a 2xx answer, or why there is none: 403 is a closed window,
/// 404 a comment gone, 400 a refused text (with Isso's words).
fn answer(response: &HttpResponse) -> Result<Value, ActionError> {
    if response.is_success() {
        return crate::json::parse(&response.body).ok_or(ActionError::Failed);
    }
    Err(match response.status {
        403 => ActionError::Closed,
        404 => ActionError::Gone,
        400 => {
            let said = text_of_error_page(&response.body).unwrap_or_default();
            if said.contains("too short") {
                ActionError::Field(FieldError::TooShort { min: super::isso::RULES.comment_min_chars })
            } else if said.contains("too long") {
                let max = super::isso::RULES.comment_max;
                ActionError::Field(FieldError::TooLong { max: max.max, measure: max.measure })
            } else {
                ActionError::Failed
            }
        }
        _ => ActionError::Failed,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn server(backend: Backend) -> Server {
        Server::new(backend, "http://127.0.0.1:8081")
    }

    fn json(status: u16, body: &str) -> HttpResponse {
        HttpResponse::new(status, "application/json", body)
    }

    fn werkzeug(status: u16, message: &str) -> HttpResponse {
        HttpResponse::new(
            status,
            "text/html",
            &format!("<!doctype html>\n<title>x</title>\n<h1>x</h1>\n<p>{message}</p>\n"),
        )
    }

    #[test]
    fn isso_takes_votes_edits_and_deletes_with_its_cookie_and_json_type() {
        let isso = server(Backend::Isso);
        let like = vote_request(&isso, 7, Vote::Like).unwrap();
        assert_eq!((like.method, like.url.as_str()), (Method::Post, "http://127.0.0.1:8081/id/7/like"));
        assert_eq!(like.content_type, "application/json", "Isso's CSRF guard refuses any other type");
        assert_eq!(vote_request(&isso, 7, Vote::Dislike).unwrap().url, "http://127.0.0.1:8081/id/7/dislike");
        let edit = edit_request(&isso, 7, "New words  \n").unwrap();
        assert_eq!((edit.method, edit.body.as_str()), (Method::Put, r#"{"text":"New words"}"#));
        assert!(edit.credentials && like.credentials);
        let delete = delete_request(&isso, 7).unwrap();
        assert_eq!(
            (delete.method, delete.url.as_str(), delete.credentials),
            (Method::Delete, "http://127.0.0.1:8081/id/7", true)
        );
        assert_eq!(source_request(&isso, 7).unwrap().url, "http://127.0.0.1:8081/id/7?plain=1");
        for other in [Backend::WordPressRest, Backend::WordPressForm, Backend::Json, Backend::Form] {
            let s = server(other);
            assert!(vote_request(&s, 1, Vote::Like).is_none() && edit_request(&s, 1, "x").is_none());
            assert!(delete_request(&s, 1).is_none() && preview_request(&s, "x").is_none());
        }
    }

    #[test]
    fn a_votes_answer_gives_counts_or_says_why_it_did_not_count() {
        assert_eq!(
            read_vote(Backend::Isso, &json(200, r#"{"likes": 3, "dislikes": 1}"#)),
            Ok(Votes { likes: 3, dislikes: 1 })
        );
        let denied = r#"{"likes": 0, "dislikes": 0, "message": "Upvote denied because a vote has already been registered for this remote address: 127.0.0.0"}"#;
        assert_eq!(read_vote(Backend::Isso, &json(200, denied)), Err(ActionError::AlreadyVoted));
        assert_eq!(read_vote(Backend::Isso, &json(200, "null")), Err(ActionError::Gone), "a deleted comment");
        assert_eq!(read_vote(Backend::Isso, &json(200, r#"{"likes": "3"}"#)), Err(ActionError::Failed));
        assert_eq!(read_vote(Backend::Isso, &json(200, "<html>oops</html>")), Err(ActionError::Failed));
        assert_eq!(read_vote(Backend::Isso, &json(200, r#"{"likes": -1, "dislikes": 0}"#)), Err(ActionError::Failed));
        assert_eq!(read_vote(Backend::Isso, &werkzeug(403, "CSRF")), Err(ActionError::Closed));
    }

    #[test]
    fn an_edit_reads_the_new_html_or_why_not() {
        assert_eq!(read_text(&json(200, r#"{"id": 7, "text": "<p>New</p>", "mode": 1}"#)).as_deref(), Ok("<p>New</p>"));
        assert_eq!(read_text(&werkzeug(403, "Forbidden")), Err(ActionError::Closed), "the window closed");
        assert_eq!(
            read_text(&werkzeug(400, "text is too short (minimum length: 3)")),
            Err(ActionError::Field(FieldError::TooShort { min: 3 }))
        );
        assert_eq!(read_text(&json(500, "")), Err(ActionError::Failed));
        assert_eq!(read_text(&json(200, r#"{"text": "*raw*"}"#)).as_deref(), Ok("*raw*"));
    }

    #[test]
    fn a_delete_says_whether_the_comment_stays_as_deleted() {
        assert_eq!(read_delete(&json(200, "null")), Ok(false));
        assert_eq!(read_delete(&json(200, r#"{"id": 7, "mode": 4, "text": ""}"#)), Ok(true));
        assert_eq!(read_delete(&json(200, "3")), Err(ActionError::Failed));
        assert_eq!(read_delete(&json(404, "")), Err(ActionError::Gone));
    }

    #[test]
    fn a_preview_is_isso_s_rendering_or_the_text_as_text() {
        let p = preview_request(&server(Backend::Isso), "*hi*").unwrap();
        assert_eq!((p.url.as_str(), p.body.as_str()), ("http://127.0.0.1:8081/preview", r#"{"text":"*hi*"}"#));
        assert_eq!(read_text(&json(200, r#"{"text": "<p><em>hi</em></p>"}"#)).as_deref(), Ok("<p><em>hi</em></p>"));
        assert_eq!(local_preview(Backend::Json, "a <b>\nb\n\nc"), "<p>a &lt;b&gt;<br>b</p><p>c</p>");
        assert_eq!(local_preview(Backend::WordPressRest, "a <b>\nb"), "<p>a <b><br />\nb</b></p>");
    }

    #[test]
    fn the_edit_window_comes_from_isso_s_readable_cookie() {
        assert_eq!(edit_window("isso-3=x; Max-Age=60"), Some(60));
        assert_eq!(edit_window("isso-3=x; max-age = 60 ; Path=/"), Some(60));
        assert_eq!(edit_window("3=x; Max-Age=60"), None, "the server's own cookie, not the readable one");
        assert_eq!(edit_window("isso-=x; Max-Age=60"), None);
        assert_eq!(edit_window("isso-3=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0"), None);
        assert_eq!(edit_window("isso-3=x; Max-Age=-5"), None);
        assert_eq!(edit_window(""), None);
    }

    proptest! {
        #[test]
        fn reading_any_answer_never_panics(status in 100u16..600, body in any::<String>(), cookie in any::<String>()) {
            let r = HttpResponse::new(status, "application/json", &body);
            let _ = (read_vote(Backend::Isso, &r), read_vote(Backend::Waline, &r), read_text(&r), read_delete(&r));
            let _ = edit_window(&cookie);
            let _ = local_preview(Backend::Form, &body);
        }
    }
}
