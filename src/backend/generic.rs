//! Any comments endpoint: a POST of JSON (`json`) or a form (`form`) whose
//! field names come from `data-fields`, with fixed `data-extra` fields and an
//! optional CSRF header. The contract, as README states it:
//! - a 2xx answered by the endpoint itself is success (a 2xx reached through
//!   a redirect is someone else's page, and not a post); a JSON body with `"status"` of `pending`, `hold`,
//!   `held`, `moderation` or `unapproved` (or `"approved": false`) means held;
//! - 409 is a duplicate, 429 is "too fast", 410 is "comments closed";
//! - a JSON error body's `errors` object (`{"<field>": "message"}` or a list
//!   of messages) puts each message under its field, and `message` or
//!   `error` is shown as the server's words.

use serde_json::{Map, Value};

use super::{encode_form, text_of_error_page, HttpRequest, HttpResponse, Server};
use crate::draft::{CommentDraft, FieldError, Limit, Rules};
use crate::outcome::{PostError, Posted};

/// The form's own limits (WordPress's sizes, counted as the browser counts).
pub const RULES: Rules = Rules {
    comment_min_chars: 1,
    comment_max: Limit::chars(65525),
    author_max: Limit::chars(245),
    email_max: Limit::chars(100),
    website_max: Limit::chars(200),
    require_name_email: true,
};

/// How the body is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Json,
    Form,
}

pub fn build_request(server: &Server, draft: &CommentDraft, encoding: Encoding) -> HttpRequest {
    let names = &server.fields;
    let website = draft.website_to_send().unwrap_or_default();
    let parent = draft.parent.map(|p| p.to_string());
    let ours: [(&Option<String>, Option<&str>); 6] = [
        (&names.comment, Some(draft.comment_to_send())),
        (&names.name, Some(draft.author_to_send())),
        (&names.email, Some(draft.email_to_send())),
        (&names.website, Some(&website)),
        (&names.parent, parent.as_deref()),
        (&names.page, Some(&server.page)),
    ];
    let mut pairs: Vec<(&str, &str)> =
        ours.into_iter().filter_map(|(name, value)| Some((name.as_deref()?, value?))).collect();
    for (name, value) in &server.extra {
        pairs.push((name, value));
    }
    if let Some(name) = &server.honeypot_field {
        pairs.push((name, &draft.honeypot));
    }
    pairs.extend(server.proof_pair(draft));
    let (content_type, body) = match encoding {
        Encoding::Form => ("application/x-www-form-urlencoded", encode_form(&pairs)),
        Encoding::Json => {
            let mut object = Map::new();
            for (name, value) in &pairs {
                let is_parent = names.parent.as_deref() == Some(*name);
                let json = match value.parse::<u64>() {
                    Ok(n) if is_parent => Value::from(n),
                    _ => Value::from(*value),
                };
                object.insert(name.to_string(), json);
            }
            ("application/json", crate::json::write(&Value::Object(object)))
        }
    };
    let mut request = HttpRequest::post(server.endpoint.clone(), content_type, body);
    request.headers.push(("Accept".into(), "application/json".into()));
    request.csrf = server.csrf.clone();
    request
}

pub fn read_response(server: &Server, response: &HttpResponse) -> Result<Posted, PostError> {
    let status = response.status;
    let json: Option<Value> = crate::json::parse(&response.body);
    if response.is_success() && response.redirected {
        // Someone else's page answered (a login, a maintenance page): the
        // contract is that the endpoint answers the POST itself.
        return Err(PostError::Redirected);
    }
    if response.is_success() {
        let field = |k: &str| json.as_ref().and_then(|j| j.get(k));
        let state = field("status").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
        let held = ["pending", "hold", "held", "moderation", "unapproved"].contains(&state.as_str())
            || field("approved") == Some(&Value::Bool(false));
        let id = field("id").and_then(Value::as_u64);
        return Ok(if held { Posted::held(id) } else { Posted::public(id) });
    }
    match status {
        409 => return Err(PostError::Duplicate),
        429 => return Err(PostError::RateLimited),
        410 => return Err(PostError::CommentsClosed),
        _ => {}
    }
    let Some(json) = json else {
        return Err(PostError::Rejected { status, message: text_of_error_page(&response.body) });
    };
    if let Some(errors) = json.get("errors").and_then(Value::as_object) {
        for (name, value) in errors {
            let text = match value {
                Value::String(s) => Some(s.clone()),
                Value::Array(list) => list.iter().find_map(|v| v.as_str().map(str::to_string)),
                _ => None,
            };
            if let (Some(field), Some(text)) = (server.fields.field_for(name), text) {
                return Err(PostError::Field(field, FieldError::Server(text)));
            }
        }
    }
    let message = ["message", "error"]
        .iter()
        .find_map(|k| json.get(*k).and_then(Value::as_str))
        .map(str::to_string)
        .filter(|m| !m.trim().is_empty());
    Err(PostError::Rejected { status, message })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;
    use crate::backend::{Csrf, FieldNames};
    use crate::draft::Field;

    fn server() -> Server {
        Server {
            page: "/posts/7/".into(),
            fields: FieldNames {
                comment: Some("body".into()),
                name: Some("author".into()),
                website: None,
                ..FieldNames::default()
            },
            extra: vec![("site".into(), "blog".into())],
            csrf: Some(Csrf { meta_name: "csrf-token".into(), header: "X-CSRF-Token".into() }),
            ..Server::new(Backend::Json, "https://api.example/comments")
        }
    }

    fn draft() -> CommentDraft {
        CommentDraft {
            comment: "Hi there".into(),
            author: "Ada".into(),
            email: "ada@example.org".into(),
            website: "https://ada.example".into(),
            remember: false,
            parent: Some(4),
            honeypot: String::new(),
            notify: false,
            proof: None,
            root: None,
            parent_name: None,
        }
    }

    #[test]
    fn json_requests_use_the_sites_field_names() {
        let req = build_request(&server(), &draft(), Encoding::Json);
        assert_eq!(req.url, "https://api.example/comments");
        assert_eq!(req.csrf, Some(Csrf { meta_name: "csrf-token".into(), header: "X-CSRF-Token".into() }));
        let body: Value = serde_json::from_str(&req.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"body": "Hi there", "author": "Ada", "email": "ada@example.org", "parent": 4, "page": "/posts/7/", "site": "blog"})
        );
    }

    #[test]
    fn form_requests_use_the_sites_field_names() {
        let req = build_request(&server(), &CommentDraft { parent: None, ..draft() }, Encoding::Form);
        assert_eq!(req.content_type, "application/x-www-form-urlencoded");
        assert_eq!(req.body, "body=Hi%20there&author=Ada&email=ada%40example.org&page=%2Fposts%2F7%2F&site=blog");
    }

    #[test]
    fn answers_become_outcomes() {
        let c = server();
        let json = |status: u16, body: &str| HttpResponse::new(status, "application/json", body);
        let cases: Vec<(HttpResponse, Result<Posted, PostError>)> = vec![
            (json(201, r#"{"id": 3, "status": "approved"}"#), Ok(Posted::public(Some(3)))),
            (json(202, r#"{"id": 4, "status": "pending"}"#), Ok(Posted::held(Some(4)))),
            (json(200, r#"{"approved": false}"#), Ok(Posted::held(None))),
            (HttpResponse::new(204, "", ""), Ok(Posted::public(None))),
            // A 2xx reached through a redirect is a login or maintenance page, not a post.
            (
                HttpResponse { redirected: true, url: "https://api.example/login".into(), ..json(200, r#"{"id": 1}"#) },
                Err(PostError::Redirected),
            ),
            (json(409, r#"{"message": "dup"}"#), Err(PostError::Duplicate)),
            (json(429, ""), Err(PostError::RateLimited)),
            (json(410, r#"{"message": "closed"}"#), Err(PostError::CommentsClosed)),
            (
                json(422, r#"{"message": "Invalid", "errors": {"author": ["That name is reserved."]}}"#),
                Err(PostError::Field(Field::Author, FieldError::Server("That name is reserved.".into()))),
            ),
            (
                json(422, r#"{"errors": {"body": "Too spammy."}}"#),
                Err(PostError::Field(Field::Comment, FieldError::Server("Too spammy.".into()))),
            ),
            (
                json(400, r#"{"error": "Bad token", "errors": {"unknown": "x"}}"#),
                Err(PostError::Rejected { status: 400, message: Some("Bad token".into()) }),
            ),
            (
                HttpResponse::new(500, "text/html", "<h1>Oops</h1><p>Stack trace &lt;here&gt;</p>"),
                Err(PostError::Rejected { status: 500, message: Some("Stack trace <here>".into()) }),
            ),
            (HttpResponse::new(503, "", ""), Err(PostError::Rejected { status: 503, message: None })),
        ];
        for (response, want) in cases {
            assert_eq!(read_response(&c, &response), want, "for {response:?}");
        }
    }
}
