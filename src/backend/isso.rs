//! [Isso](https://isso-comments.de/docs/reference/server-api/): `POST
//! <endpoint>/new?uri=<page>` with a JSON body; success is 201 with the comment
//! as JSON (`mode` 2 = held for moderation); errors are small Werkzeug HTML
//! pages whose `<p>` holds the reason (answers captured in
//! ../shared/notes/isso.md and in the fixtures below).

use serde_json::{json, Value};

use super::text::escape_html_text;
use super::{encode_query_value, text_of_error_page, HttpRequest, HttpResponse, Server};
use crate::draft::{CommentDraft, Field, FieldError, Limit, Rules};
use crate::outcome::{Lookup, PostError, Posted};

/// Isso's `verify()` (isso/views/comments.py): text of 3 to 65535 characters
/// after trailing whitespace, email and website at most 254; the author has no
/// limit of its own, so the form's WordPress-sized 245 applies.
pub const RULES: Rules = Rules {
    comment_min_chars: 3,
    comment_max: Limit::chars(65535),
    author_max: Limit::chars(245),
    email_max: Limit::chars(254),
    website_max: Limit::chars(254),
    require_name_email: true,
};

pub fn build_request(server: &Server, draft: &CommentDraft) -> HttpRequest {
    let author = Some(draft.author_to_send()).filter(|s| !s.is_empty());
    let email = Some(draft.email_to_send()).filter(|s| !s.is_empty());
    // `title` is sent so Isso need not fetch the page to learn the thread's title.
    let body = json!({
        "text": draft.comment_to_send(),
        "author": author,
        "email": email,
        "website": draft.website_to_send(),
        "parent": draft.parent,
        "title": server.title,
        "notification": u8::from(draft.notify && email.is_some()),
    });
    let mut request = HttpRequest::post(
        format!("{}/new?uri={}", server.endpoint, encode_query_value(&server.page)),
        "application/json",
        crate::json::write(&body),
    );
    // Isso's answer sets the cookie that lets this reader edit or delete it.
    request.credentials = true;
    request
}

/// `GET <endpoint>/?uri=<page>&plain=1`: the thread with each comment's text
/// as stored (Markdown, not rendered), to look for a comment whose answer was
/// lost. Isso lists only published comments: held ones are invisible here.
pub fn thread_request(server: &Server) -> HttpRequest {
    HttpRequest::get(format!("{}/?uri={}&plain=1", server.endpoint, encode_query_value(&server.page)))
}

/// The reader's comment in a thread listing: the whole text as Isso stores it
/// (sent trimmed, stored as sent), the same author (stored HTML-escaped), and
/// created at or after `since` (server clock). Isso's listing has no email
/// (only a salted hash of it), so the email cannot be compared.
pub fn find_landed(draft: &CommentDraft, response: &HttpResponse, since: f64) -> Lookup {
    if !response.is_success() {
        return Lookup::Failed;
    }
    let Some(thread) = crate::json::parse(&response.body) else {
        return Lookup::Failed;
    };
    let Some(top) = thread.get("replies").and_then(Value::as_array) else {
        return Lookup::Failed;
    };
    let text = draft.comment_to_send();
    let author = escape_html_text(draft.author_to_send());
    let mut stack: Vec<&Value> = top.iter().collect();
    while let Some(c) = stack.pop() {
        if let Some(replies) = c.get("replies").and_then(Value::as_array) {
            stack.extend(replies);
        }
        let field = |k: &str| c.get(k).and_then(Value::as_str).unwrap_or("");
        let created = c.get("created").and_then(Value::as_f64).unwrap_or(0.0);
        if field("text") == text && field("author") == author && created >= since {
            let id = c.get("id").and_then(Value::as_u64);
            return Lookup::Found(if c.get("mode").and_then(Value::as_u64) == Some(2) {
                Posted::held(id)
            } else {
                Posted::public(id)
            });
        }
    }
    Lookup::Absent
}

pub fn read_response(response: &HttpResponse) -> Result<Posted, PostError> {
    let status = response.status;
    if response.is_success() {
        // One `Value` parser serves every backend: typed structs would each
        // add their own deserializer to the wasm.
        let created: Value = crate::json::parse(&response.body).unwrap_or_default();
        return match created.get("mode").and_then(Value::as_u64) {
            Some(mode) => {
                let id = created.get("id").and_then(Value::as_u64);
                let posted = if mode == 2 { Posted::held(id) } else { Posted::public(id) };
                Ok(Posted { edit_for: response.set_cookie.as_deref().and_then(edit_window), ..posted })
            }
            None => Err(PostError::Unreadable { status }),
        };
    }
    let message = text_of_error_page(&response.body);
    let said = |needle: &str| message.as_deref().is_some_and(|m| m.contains(needle));
    Err(if said("ratelimit exceeded") {
        PostError::RateLimited
    } else if said("text is too short") {
        PostError::Field(Field::Comment, FieldError::TooShort { min: RULES.comment_min_chars })
    } else if said("text is too long") {
        PostError::Field(
            Field::Comment,
            FieldError::TooLong { max: RULES.comment_max.max, measure: RULES.comment_max.measure },
        )
    } else if said("Website not Django-conform") || said("arbitrary length limit") {
        PostError::Field(Field::Website, FieldError::InvalidUrl)
    } else if said("author address required") {
        PostError::Field(Field::Author, FieldError::Required)
    } else if said("email address required") {
        PostError::Field(Field::Email, FieldError::Required)
    } else if said("rfc5321") {
        PostError::Field(
            Field::Email,
            FieldError::TooLong { max: RULES.email_max.max, measure: RULES.email_max.measure },
        )
    } else {
        PostError::Rejected { status, message }
    })
}

/// How long Isso lets the reader change the comment it just stored, in
/// seconds, from its `X-Set-Cookie` (`isso-12=…; Expires=…; Max-Age=900;
/// Path=/`): `None` when there is no such cookie or it says no time.
///
/// ```
/// use comment_widget::internal::backend::actions::edit_window;
/// assert_eq!(edit_window("isso-12=abc.def; Expires=Wed, 18-Dec-2013 12:57:20 GMT; Max-Age=900; Path=/"), Some(900));
/// assert_eq!(edit_window("12=; Max-Age=0"), None);
/// ```
pub fn edit_window(cookie: &str) -> Option<u32> {
    let mut parts = cookie.split(';');
    let name = parts.next()?.split_once('=')?.0.trim();
    name.strip_prefix("isso-").filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))?;
    parts
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("max-age"))
        .and_then(|(_, v)| v.trim().parse::<u32>().ok())
        .filter(|s| *s > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;

    fn server() -> Server {
        Server {
            page: "/2026/11/hello world/".into(),
            title: "Hello \"world\"".into(),
            ..Server::new(Backend::Isso, "http://127.0.0.1:8081")
        }
    }

    fn answer(status: u16, content_type: &str, body: &str) -> HttpResponse {
        HttpResponse::new(status, content_type, body)
    }

    fn werkzeug(status_line: &str, message: &str) -> String {
        format!(
            "<!doctype html>\n<html lang=en>\n<title>{status_line}</title>\n<h1>{status_line}</h1>\n<p>{message}</p>\n"
        )
    }

    #[test]
    fn the_request_is_isso_s_new_comment_call() {
        let draft = CommentDraft {
            comment: "\n  Nice <b>post</b> — thanks! 😀 \n".into(),
            author: " Ada ".into(),
            email: "ada@example.org".into(),
            website: "example.org".into(),
            remember: true,
            parent: Some(7),
            honeypot: String::new(),
            notify: false,
            proof: None,
            root: None,
            parent_name: None,
        };
        let req = build_request(&server(), &draft);
        assert_eq!(req.method, crate::backend::Method::Post);
        assert_eq!(req.url, "http://127.0.0.1:8081/new?uri=/2026/11/hello%20world/");
        assert_eq!(req.content_type, "application/json");
        let body: serde_json::Value = serde_json::from_str(&req.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "text": "Nice <b>post</b> — thanks! 😀",
                "author": "Ada",
                "email": "ada@example.org",
                "website": "https://example.org",
                "parent": 7,
                "title": "Hello \"world\"",
                "notification": 0
            })
        );
    }

    #[test]
    fn a_reader_who_asks_for_reply_emails_is_subscribed_only_with_an_email() {
        let draft =
            CommentDraft { comment: "abc".into(), email: "ada@example.org".into(), notify: true, ..Default::default() };
        let request = build_request(&server(), &draft);
        assert!(request.credentials, "the answer's edit cookie must be kept");
        let body: serde_json::Value = serde_json::from_str(&request.body).unwrap();
        assert_eq!(body["notification"], 1);
        let no_email = CommentDraft { email: " ".into(), ..draft };
        let body: serde_json::Value = serde_json::from_str(&build_request(&server(), &no_email).body).unwrap();
        assert_eq!(body["notification"], 0);
    }

    #[test]
    fn the_edit_window_comes_with_the_posted_comment() {
        let created = r#"{"id": 12, "mode": 1, "text": "<p>Nice post</p>"}"#;
        let answer = HttpResponse {
            set_cookie: Some(
                "isso-12=WzEyLCJh.Zx; Expires=Wed, 02 Dec 2026 17:15:00 GMT; Max-Age=900; Path=/; SameSite=Lax".into(),
            ),
            ..answer(201, "application/json", created)
        };
        assert_eq!(read_response(&answer).map(|p| p.edit_for), Ok(Some(900)));
    }

    #[test]
    fn empty_optional_fields_are_sent_as_null() {
        let draft = CommentDraft { comment: "abc".into(), ..Default::default() };
        let body: serde_json::Value = serde_json::from_str(&build_request(&server(), &draft).body).unwrap();
        assert_eq!(body["author"], serde_json::Value::Null);
        assert_eq!(body["email"], serde_json::Value::Null);
        assert_eq!(body["website"], serde_json::Value::Null);
        assert_eq!(body["parent"], serde_json::Value::Null);
    }

    #[test]
    fn a_comment_whose_answer_was_lost_is_found_in_the_thread_and_nothing_else_counts() {
        let draft = CommentDraft {
            comment: " Nice *post* & <b>thanks</b>!\n\nSecond para ".into(),
            author: "Ada & Bea".into(),
            ..Default::default()
        };
        // `plain=1`: texts as stored; authors HTML-escaped, as Isso stores them.
        let thread = r#"{"id": null, "total_replies": 4, "replies": [
            {"id": 3, "mode": 1, "created": 1000.0, "author": "Ada &amp; Bea", "text": "Nice *post* & <b>thanks</b>!\n\nSecond para", "replies": []},
            {"id": 4, "mode": 1, "created": 1001.0, "author": "Cy", "text": "Other", "replies": [
                {"id": 8, "mode": 1, "created": 1500.0, "author": "Someone", "text": "Nice *post* & <b>thanks</b>!\n\nSecond para", "replies": []},
                {"id": 9, "mode": 1, "created": 1500.5, "author": "Ada &amp; Bea", "text": "Nice *post* & <b>thanks</b>!\n\nSecond para", "replies": []},
                {"id": 10, "mode": 1, "created": 1600.0, "author": "Ada &amp; Bea", "text": "Nice *post* & <b>thanks</b>!", "replies": []}
            ]}
        ]}"#;
        let answer = HttpResponse::new(200, "application/json", thread);
        // The older identical comment (id 3, before the try) and the other
        // author's (id 8) do not count; a prefix of the text (id 10) does not either.
        assert_eq!(find_landed(&draft, &answer, 1400.0), Lookup::Found(Posted::public(Some(9))));
        assert_eq!(find_landed(&draft, &answer, 1501.0), Lookup::Absent);
        let other = CommentDraft { comment: "Something else".into(), ..draft.clone() };
        assert_eq!(find_landed(&other, &answer, 0.0), Lookup::Absent);
        assert_eq!(find_landed(&draft, &HttpResponse::new(404, "text/html", ""), 0.0), Lookup::Failed);
        assert_eq!(find_landed(&draft, &HttpResponse::new(200, "text/html", "<html>"), 0.0), Lookup::Failed);
        assert_eq!(thread_request(&server()).url, "http://127.0.0.1:8081/?uri=/2026/11/hello%20world/&plain=1");
    }

    #[test]
    fn answers_become_outcomes() {
        // Captured from isso 0.14.0 (../shared/notes/isso.md).
        let created = r#"{"id": 12, "parent": null, "created": 1764107000.5, "modified": null, "mode": 1, "text": "<p>Nice post</p>", "author": "Ada", "website": null, "likes": 0, "dislikes": 0, "notification": 0, "hash": "4505c1eeda98"}"#;
        let held = created.replace("\"mode\": 1", "\"mode\": 2");
        let cases: Vec<(HttpResponse, Result<Posted, PostError>)> = vec![
            (answer(201, "application/json", created), Ok(Posted::public(Some(12)))),
            (answer(202, "application/json", &held), Ok(Posted::held(Some(12)))),
            (answer(201, "text/html", "<html>proxy page</html>"), Err(PostError::Unreadable { status: 201 })),
            (answer(201, "", ""), Err(PostError::Unreadable { status: 201 })),
            (
                answer(400, "text/html", &werkzeug("400 Bad Request", "text is too short (minimum length: 3)")),
                Err(PostError::Field(Field::Comment, FieldError::TooShort { min: 3 })),
            ),
            (
                answer(400, "text/html", &werkzeug("400 Bad Request", "text is too long (maximum length: 65535)")),
                Err(PostError::Field(
                    Field::Comment,
                    FieldError::TooLong { max: 65535, measure: crate::draft::Measure::Chars },
                )),
            ),
            (
                answer(400, "text/html", &werkzeug("400 Bad Request", "Website not Django-conform")),
                Err(PostError::Field(Field::Website, FieldError::InvalidUrl)),
            ),
            (
                answer(403, "text/html", &werkzeug("403 Forbidden", "author address required but not provided")),
                Err(PostError::Field(Field::Author, FieldError::Required)),
            ),
            (
                answer(403, "text/html", &werkzeug("403 Forbidden", "email address required but not provided")),
                Err(PostError::Field(Field::Email, FieldError::Required)),
            ),
            (
                answer(403, "text/html", &werkzeug("403 Forbidden", "127.0.0.0: ratelimit exceeded (1, 2)")),
                Err(PostError::RateLimited),
            ),
            (
                answer(400, "text/html", &werkzeug("400 Bad Request", "Unable to read JSON request")),
                Err(PostError::Rejected { status: 400, message: Some("Unable to read JSON request".into()) }),
            ),
            (
                answer(
                    500,
                    "text/html",
                    &werkzeug(
                        "500 Internal Server Error",
                        "The server encountered an internal error and was unable to complete your request.",
                    ),
                ),
                Err(PostError::Rejected {
                    status: 500,
                    message: Some(
                        "The server encountered an internal error and was unable to complete your request.".into(),
                    ),
                }),
            ),
            (answer(502, "", ""), Err(PostError::Rejected { status: 502, message: None })),
        ];
        for (response, want) in cases {
            assert_eq!(read_response(&response), want, "for {response:?}");
        }
    }
}
