//! [WordPress REST comments](https://developer.wordpress.org/rest-api/reference/comments/#create-a-comment):
//! `POST /wp/v2/comments` with JSON `post, parent, author_name, author_email,
//! author_url, content`. Answers are JSON: the comment (201, `status`
//! "approved" or "hold"), or `{code, message, data: {status, params}}`
//! (measured answers in ../shared/notes/wordpress.md and the fixtures below).
//!
//! The route is reached as `<site>/?rest_route=/wp/v2/comments`, which every
//! WordPress answers whatever its permalink setting; an endpoint that already
//! names the REST root (`…/wp-json`) is used as `<root>/wp/v2/comments`.

use serde_json::{json, Value};

use super::{decode_entities, text_of_error_page, HttpRequest, HttpResponse, Server};
use crate::draft::{CommentDraft, Field, FieldError, Limit, Rules};
use crate::outcome::{PostError, Posted};

/// WordPress's limits (`wp_get_comment_fields_max_lengths`), counted in UTF-8
/// bytes because they are MySQL column sizes: content 65525, author 245,
/// email 100, url 200. A comment needs at least one character.
pub const RULES: Rules = Rules {
    comment_min_chars: 1,
    comment_max: Limit::bytes(65525),
    author_max: Limit::bytes(245),
    email_max: Limit::bytes(100),
    website_max: Limit::bytes(200),
    require_name_email: true,
};

/// The comments route for an endpoint: `…/wp-json` is the REST root itself;
/// anything else is the site's address.
pub fn comments_url(endpoint: &str) -> String {
    if endpoint.ends_with("/wp-json") || endpoint == "wp-json" {
        format!("{endpoint}/wp/v2/comments")
    } else {
        format!("{endpoint}/?rest_route=/wp/v2/comments")
    }
}

/// The comment as JSON. For a logged-in reader only the post, the parent and
/// the text go: WordPress fills in the user's id, name and e-mail when no
/// author field is sent, and knows the user by the site's cookies and the
/// `X-WP-Nonce` header.
pub fn build_request(server: &Server, draft: &CommentDraft) -> HttpRequest {
    let (post, parent) = (server.post_id.unwrap_or_default(), draft.parent.unwrap_or(0));
    let content = draft.comment_to_send();
    let mut body = match server.account {
        Some(_) => json!({ "post": post, "parent": parent, "content": content }),
        None => json!({
            "post": post,
            "parent": parent,
            "author_name": draft.author_to_send(),
            "author_email": draft.email_to_send(),
            "author_url": draft.website_to_send().unwrap_or_default(),
            "content": content,
        }),
    };
    // The plugin's spam check: without it an anonymous comment over REST is refused.
    if let (Some((field, proof)), Some(object)) = (server.proof_pair(draft), body.as_object_mut()) {
        object.insert(field.to_string(), proof.into());
    }
    let mut request = HttpRequest::post(comments_url(&server.endpoint), "application/json", crate::json::write(&body));
    request.headers.push(("Accept".into(), "application/json".into()));
    if let Some(account) = &server.account {
        request.credentials = true;
        if let Some(nonce) = &account.rest_nonce {
            request.headers.push(("X-WP-Nonce".into(), nonce.clone()));
        }
    }
    request
}

pub fn read_response(response: &HttpResponse) -> Result<Posted, PostError> {
    let status = response.status;
    let json: Option<Value> = crate::json::parse(&response.body);
    let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_string);
    if response.is_success() {
        return match json.as_ref().and_then(|c| Some((c, text(c, "status")?))) {
            Some((c, state)) => {
                let id = c.get("id").and_then(Value::as_u64);
                Ok(if state == "approved" { Posted::public(id) } else { Posted::held(id) })
            }
            None => Err(PostError::Unreadable { status }),
        };
    }
    let Some((error, code)) = json.as_ref().and_then(|e| Some((e, text(e, "code")?))) else {
        return Err(PostError::Rejected { status, message: text_of_error_page(&response.body) });
    };
    let params: Vec<(String, String)> = error
        .pointer("/data/params")
        .and_then(Value::as_object)
        .map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect())
        .unwrap_or_default();
    let message = decode_entities(&text(error, "message").unwrap_or_default());
    Err(error_from_code(&code, &message, &params, status))
}

/// Maps WordPress's error codes (shared by the REST API and
/// `wp_handle_comment_submission`) to what the reader is told.
pub fn error_from_code(code: &str, message: &str, params: &[(String, String)], status: u16) -> PostError {
    let too_long = |field: Field, limit: Limit| {
        PostError::Field(field, FieldError::TooLong { max: limit.max, measure: limit.measure })
    };
    match code {
        "comment_duplicate" => PostError::Duplicate,
        // The plugin's spam check: the solution expired or was used already
        // (the form solves a fresh one and sends once more).
        "comment_widget_expired" => PostError::SpamCheck,
        "comment_flood" => PostError::RateLimited,
        "comment_closed" | "rest_comment_closed" => PostError::CommentsClosed,
        "rest_comment_invalid_post_id"
        | "rest_post_invalid_id"
        | "rest_comment_draft_post"
        | "rest_comment_trash_post"
        | "comment_id_not_found"
        | "comment_on_draft"
        | "comment_on_trash" => PostError::PostNotFound,
        "rest_comment_login_required" | "not_logged_in" => PostError::LoginRequired,
        // The page's nonce is stale (left open overnight, logged out in another tab).
        "rest_cookie_invalid_nonce" => PostError::SessionExpired,
        "rest_comment_content_invalid" | "require_valid_comment" => {
            PostError::Field(Field::Comment, FieldError::Required)
        }
        "comment_content_column_length" => too_long(Field::Comment, RULES.comment_max),
        "comment_author_column_length" => too_long(Field::Author, RULES.author_max),
        "comment_author_email_column_length" => too_long(Field::Email, RULES.email_max),
        "comment_author_url_column_length" => too_long(Field::Website, RULES.website_max),
        "require_name_email" => PostError::Field(Field::Author, FieldError::Required),
        "require_valid_email" => PostError::Field(Field::Email, FieldError::InvalidEmail),
        "rest_comment_author_data_required" => PostError::Field(Field::Author, FieldError::Server(message.to_string())),
        "rest_invalid_param" => {
            let field_of = |param: &str| match param {
                "content" => Some(Field::Comment),
                "author_name" => Some(Field::Author),
                "author_email" => Some(Field::Email),
                "author_url" => Some(Field::Website),
                _ => None,
            };
            params
                .iter()
                .find_map(|(param, text)| {
                    field_of(param).map(|f| PostError::Field(f, FieldError::Server(decode_entities(text))))
                })
                .unwrap_or_else(|| PostError::Rejected { status, message: Some(message.to_string()) })
        }
        _ => PostError::Rejected { status, message: Some(message.to_string()).filter(|m| !m.trim().is_empty()) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::Backend;
    use crate::draft::Measure;

    fn server(endpoint: &str) -> Server {
        Server { post_id: Some(1), ..Server::new(Backend::WordPressRest, endpoint) }
    }

    #[test]
    fn a_logged_in_readers_comment_carries_the_nonce_and_no_author() {
        let account =
            crate::backend::Account { name: "Ada".into(), rest_nonce: Some("0a1b2c".into()), ..Default::default() };
        let logged_in = Server { account: Some(account), ..server("https://blog.example") };
        let draft = CommentDraft {
            comment: "Hi".into(),
            author: "Kept".into(),
            email: "k@example.org".into(),
            ..Default::default()
        };
        let req = build_request(&logged_in, &draft);
        let body: serde_json::Value = serde_json::from_str(&req.body).unwrap();
        assert_eq!(body, serde_json::json!({"post": 1, "parent": 0, "content": "Hi"}));
        assert!(req.credentials);
        assert!(req.headers.contains(&("X-WP-Nonce".into(), "0a1b2c".into())));
        let stale = HttpResponse::new(
            403,
            "application/json",
            r#"{"code":"rest_cookie_invalid_nonce","message":"Cookie check failed","data":{"status":403}}"#,
        );
        assert_eq!(read_response(&stale), Err(PostError::SessionExpired));
        // Logged out meanwhile, WordPress asks for the name the form no longer shows.
        let asks = HttpResponse::new(
            400,
            "application/json",
            r#"{"code":"rest_comment_author_data_required","message":"Creating a comment requires valid author name and email values.","data":{"status":400}}"#,
        );
        assert_eq!(Backend::WordPressRest.read_response(&logged_in, &asks), Err(PostError::SessionExpired));
        assert!(matches!(
            Backend::WordPressRest.read_response(&server("/"), &asks),
            Err(PostError::Field(Field::Author, _))
        ));
    }

    #[test]
    fn the_plugins_spam_check_rides_in_the_json_and_its_expired_answer_is_read() {
        let proven = Server {
            proof: Some(crate::backend::ProofSpec { url: "/c".into(), field: "altcha".into() }),
            ..server("https://blog.example")
        };
        let draft = CommentDraft { comment: "Hi".into(), proof: Some("cGF5".into()), ..Default::default() };
        let body: serde_json::Value = serde_json::from_str(&build_request(&proven, &draft).body).unwrap();
        assert_eq!(body["altcha"], "cGF5");
        let plain: serde_json::Value = serde_json::from_str(&build_request(&server("/"), &draft).body).unwrap();
        assert!(plain.get("altcha").is_none(), "no check configured, no field");
        let expired = HttpResponse::new(
            403,
            "application/json",
            r#"{"code":"comment_widget_expired","message":"The spam check has expired.","data":{"status":403}}"#,
        );
        assert_eq!(read_response(&expired), Err(PostError::SpamCheck));
        let stopped = HttpResponse::new(
            403,
            "application/json",
            r#"{"code":"comment_widget_stopped","message":"Not accepted &amp; why.","data":{"status":403}}"#,
        );
        assert_eq!(
            read_response(&stopped),
            Err(PostError::Rejected { status: 403, message: Some("Not accepted & why.".into()) })
        );
    }

    #[test]
    fn the_request_is_a_rest_comment() {
        let draft = CommentDraft {
            comment: " Hello & <b>welcome</b> 😀 ".into(),
            author: "Ada".into(),
            email: "ada@example.org".into(),
            website: "ada.example".into(),
            remember: false,
            parent: Some(3),
            honeypot: String::new(),
            notify: false,
            proof: None,
            root: None,
            parent_name: None,
        };
        let req = build_request(&server("http://127.0.0.1:8090"), &draft);
        assert_eq!(req.url, "http://127.0.0.1:8090/?rest_route=/wp/v2/comments");
        assert_eq!(req.content_type, "application/json");
        let body: serde_json::Value = serde_json::from_str(&req.body).unwrap();
        assert_eq!(
            body,
            serde_json::json!({"post": 1, "parent": 3, "author_name": "Ada", "author_email": "ada@example.org",
                "author_url": "https://ada.example", "content": "Hello & <b>welcome</b> 😀"})
        );
        let plain = CommentDraft { comment: "abc".into(), ..Default::default() };
        let body: serde_json::Value = serde_json::from_str(&build_request(&server("/"), &plain).body).unwrap();
        assert_eq!(body["parent"], 0);
        assert_eq!(body["author_url"], "");
    }

    #[test]
    fn the_route_works_with_either_permalink_setting() {
        assert_eq!(comments_url("https://blog.example"), "https://blog.example/?rest_route=/wp/v2/comments");
        assert_eq!(comments_url("https://blog.example/wp-json"), "https://blog.example/wp-json/wp/v2/comments");
        assert_eq!(comments_url(""), "/?rest_route=/wp/v2/comments");
    }

    fn err(status: u16, code: &str, message: &str) -> HttpResponse {
        let body = serde_json::json!({"code": code, "message": message, "data": {"status": status}});
        HttpResponse::new(status, "application/json; charset=UTF-8", &body.to_string())
    }

    #[test]
    fn answers_become_outcomes() {
        // Shapes and messages measured against WordPress 6.1 (../shared/notes/wordpress.md).
        let created = r#"{"id":5,"post":1,"parent":0,"author":0,"author_name":"Ada","author_url":"","date":"2026-11-25T10:00:00","content":{"rendered":"<p>Hi<\/p>\n"},"link":"http:\/\/127.0.0.1:8090\/?p=1#comment-5","status":"approved","type":"comment"}"#;
        let held = created.replace("\"approved\"", "\"hold\"");
        let invalid_email = r#"{"code":"rest_invalid_param","message":"Invalid parameter(s): author_email","data":{"status":400,"params":{"author_email":"Invalid email address."},"details":{}}}"#;
        let cases: Vec<(HttpResponse, Result<Posted, PostError>)> = vec![
            (HttpResponse::new(201, "application/json", created), Ok(Posted::public(Some(5)))),
            (HttpResponse::new(201, "application/json", &held), Ok(Posted::held(Some(5)))),
            (
                HttpResponse::new(200, "text/html", "<html><body>a cache page</body></html>"),
                Err(PostError::Unreadable { status: 200 }),
            ),
            (
                err(
                    409,
                    "comment_duplicate",
                    "Duplicate comment detected; it looks as though you&#8217;ve already said that!",
                ),
                Err(PostError::Duplicate),
            ),
            (
                err(400, "comment_flood", "You are posting comments too quickly. Slow down."),
                Err(PostError::RateLimited),
            ),
            (
                err(403, "rest_comment_closed", "Sorry, comments are closed for this item."),
                Err(PostError::CommentsClosed),
            ),
            (
                err(
                    403,
                    "rest_comment_invalid_post_id",
                    "Sorry, you are not allowed to create this comment without a post.",
                ),
                Err(PostError::PostNotFound),
            ),
            (
                err(401, "rest_comment_login_required", "Sorry, you must be logged in to comment."),
                Err(PostError::LoginRequired),
            ),
            (
                err(400, "rest_comment_content_invalid", "Invalid comment content."),
                Err(PostError::Field(Field::Comment, FieldError::Required)),
            ),
            (
                err(400, "comment_content_column_length", "Your comment is too long."),
                Err(PostError::Field(Field::Comment, FieldError::TooLong { max: 65525, measure: Measure::Bytes })),
            ),
            (
                err(400, "comment_author_column_length", "Your name is too long."),
                Err(PostError::Field(Field::Author, FieldError::TooLong { max: 245, measure: Measure::Bytes })),
            ),
            (
                HttpResponse::new(400, "application/json", invalid_email),
                Err(PostError::Field(Field::Email, FieldError::Server("Invalid email address.".into()))),
            ),
            (
                err(
                    400,
                    "rest_comment_author_data_required",
                    "Creating a comment requires valid author name and email values.",
                ),
                Err(PostError::Field(
                    Field::Author,
                    FieldError::Server("Creating a comment requires valid author name and email values.".into()),
                )),
            ),
            (
                err(500, "db_insert_error", "Could not insert comment into the database."),
                Err(PostError::Rejected {
                    status: 500,
                    message: Some("Could not insert comment into the database.".into()),
                }),
            ),
            (
                HttpResponse::new(502, "text/html", "<html><body><p>Bad gateway</p></body></html>"),
                Err(PostError::Rejected { status: 502, message: Some("Bad gateway".into()) }),
            ),
            (HttpResponse::new(503, "", ""), Err(PostError::Rejected { status: 503, message: None })),
        ];
        for (response, want) in cases {
            assert_eq!(read_response(&response), want, "for {response:?}");
        }
    }
}
