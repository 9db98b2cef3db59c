//! [Waline](https://waline.js.org/en/next/api/): `POST <endpoint>/api/comment`
//! with a JSON body; every answer is `{errno, errmsg, data}` with HTTP 200,
//! errno 0 for success, `data` the stored comment (`status` "approved",
//! "waiting" when held, "spam" when its words or Akismet flagged it). The
//! listing, likes and counts are in `thread`, `actions` and the loader's
//! `counts.js`. Facts measured against `@waline/vercel` 1.39.3 in
//! ../shared/notes/waline.md and the fixtures below.
//!
//! The retry rule: Waline refuses a comment whose page, name, e-mail,
//! website and text are all those of one it stored ("Duplicate Content",
//! whatever its status), so a try whose answer was lost is simply sent
//! again, and "duplicate" then means the first one arrived.

use serde_json::{json, Value};

use super::{HttpRequest, HttpResponse, Server};
use crate::draft::{CommentDraft, Field, FieldError, Limit, Rules};
use crate::outcome::{PostError, Posted};

/// Waline checks only that there is a comment; its MySQL and PostgreSQL
/// schemas hold `nick`, `mail` and `link` in 255 characters and the comment
/// in a MySQL `TEXT` (65,535 bytes), so the form holds every site to those.
/// Name and e-mail are asked for as on the WordPress form the widget draws.
pub const RULES: Rules = Rules {
    comment_min_chars: 1,
    comment_max: Limit::bytes(65535),
    author_max: Limit::chars(255),
    email_max: Limit::chars(255),
    website_max: Limit::chars(255),
    require_name_email: true,
};

/// The comments route of a Waline server.
pub fn comments_url(server: &Server) -> String {
    format!("{}/api/comment", server.endpoint)
}

pub fn build_request(server: &Server, draft: &CommentDraft) -> HttpRequest {
    let mut body = serde_json::Map::new();
    let mut put = |k: &str, v: Value| body.insert(k.to_string(), v);
    put("comment", json!(draft.comment_to_send()));
    put("nick", json!(draft.author_to_send()));
    put("mail", json!(draft.email_to_send()));
    put("link", json!(draft.website_to_send().unwrap_or_default()));
    put("url", json!(server.page));
    put("ua", json!(server.agent));
    if let Some(pid) = draft.parent {
        // `rid` is the thread's top comment: Waline lists a reply with it.
        put("pid", json!(pid));
        put("rid", json!(draft.root.unwrap_or(pid)));
        if let Some(at) = draft.parent_name.as_deref() {
            put("at", json!(at));
        }
    }
    let body = Value::Object(body);
    HttpRequest::post(comments_url(server), "application/json", crate::json::write(&body))
}

/// The `data` of a successful Waline answer, or what went wrong.
pub fn data(response: &HttpResponse) -> Result<Value, PostError> {
    let status = response.status;
    let json = crate::json::parse(&response.body).filter(Value::is_object);
    match json {
        Some(mut json) if json.get("errno").and_then(Value::as_i64) == Some(0) => {
            Ok(json.get_mut("data").map(Value::take).unwrap_or_default())
        }
        Some(json) if json.get("errno").is_some() => Err(match json.get("errmsg") {
            // A required field missing: {"comment": "comment can not be blank"}.
            Some(Value::Object(fields)) => match fields.iter().next() {
                Some((field, _)) if field == "comment" => PostError::Field(Field::Comment, FieldError::Required),
                Some((_, said)) => PostError::Rejected { status, message: said.as_str().map(str::to_string) },
                None => PostError::Rejected { status, message: None },
            },
            said => refusal(status, said.and_then(Value::as_str).unwrap_or_default()),
        }),
        _ if response.is_success() => Err(PostError::Unreadable { status }),
        _ => Err(PostError::Rejected { status, message: super::text_of_error_page(&response.body) }),
    }
}

/// Waline's refusals (its English `errmsg`: the widget sends no `lang`).
fn refusal(status: u16, said: &str) -> PostError {
    let has = |needle: &str| said.to_ascii_lowercase().contains(needle);
    if has("duplicate") {
        PostError::Duplicate
    } else if has("too fast") {
        PostError::RateLimited
    } else {
        let message = Some(said.trim().to_string()).filter(|m| !m.is_empty());
        PostError::Rejected { status, message }
    }
}

pub fn read_response(response: &HttpResponse) -> Result<Posted, PostError> {
    let created = data(response)?;
    let id = created.get("objectId").and_then(|v| v.as_u64().or_else(|| v.as_str()?.trim().parse().ok()));
    match created.get("status").and_then(Value::as_str) {
        Some("approved") => Ok(Posted::public(id)),
        // Held, or flagged as spam (banned words, Akismet): both wait for
        // the site owner, who sees them in Waline's admin.
        Some(_) => Ok(Posted::held(id)),
        None => Err(PostError::Unreadable { status: response.status }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::{Backend, Method};

    fn server() -> Server {
        Server {
            page: "/2026/12/你好/".into(),
            agent: "Mozilla/5.0 (X11)".into(),
            ..Server::waline("http://127.0.0.1:8360/")
        }
    }

    fn answer(body: &str) -> HttpResponse {
        HttpResponse::new(200, "application/json", body)
    }

    #[test]
    fn the_request_is_waline_s_new_comment_call_and_a_reply_names_its_thread() {
        let draft = CommentDraft {
            comment: "\n 你好，<b>世界</b>！😀 \n".into(),
            author: " 小明 ".into(),
            email: "ming@example.org".into(),
            website: "example.org".into(),
            ..Default::default()
        };
        let req = build_request(&server(), &draft);
        assert_eq!((req.method, req.url.as_str()), (Method::Post, "http://127.0.0.1:8360/api/comment"));
        assert_eq!(req.content_type, "application/json");
        let body: Value = serde_json::from_str(&req.body).unwrap();
        assert_eq!(
            body,
            json!({"comment": "你好，<b>世界</b>！😀", "nick": "小明", "mail": "ming@example.org",
                   "link": "https://example.org", "url": "/2026/12/你好/", "ua": "Mozilla/5.0 (X11)"})
        );
        let reply = CommentDraft { parent: Some(7), root: Some(3), parent_name: Some("Ada".into()), ..draft.clone() };
        let body: Value = serde_json::from_str(&build_request(&server(), &reply).body).unwrap();
        assert_eq!((&body["pid"], &body["rid"], &body["at"]), (&json!(7), &json!(3), &json!("Ada")));
        // A reply to a top comment: it is its own thread's top.
        let top = CommentDraft { parent: Some(7), ..draft };
        let body: Value = serde_json::from_str(&build_request(&server(), &top).body).unwrap();
        assert_eq!((&body["pid"], &body["rid"], body.get("at")), (&json!(7), &json!(7), None));
    }

    #[test]
    fn answers_become_outcomes() {
        // Captured from @waline/vercel 1.39.3 (../shared/notes/waline.md).
        let created = r#"{"errno":0,"errmsg":"","data":{"link":"","nick":"Ada","url":"/p/","comment":"<p>Hello</p>\n","status":"approved","objectId":12,"avatar":"https://seccdn.libravatar.org/avatar/x","orig":"Hello","like":0,"time":1796599782872}}"#;
        let cases: Vec<(HttpResponse, Result<Posted, PostError>)> = vec![
            (answer(created), Ok(Posted::public(Some(12)))),
            (answer(&created.replace("approved", "waiting")), Ok(Posted::held(Some(12)))),
            (answer(&created.replace("approved", "spam")), Ok(Posted::held(Some(12)))),
            (answer(r#"{"errno":1000,"errmsg":"Duplicate Content"}"#), Err(PostError::Duplicate)),
            (answer(r#"{"errno":1000,"errmsg":"Comment too fast!"}"#), Err(PostError::RateLimited)),
            (
                answer(r#"{"errno":1001,"errmsg":{"comment":"comment can not be blank"}}"#),
                Err(PostError::Field(Field::Comment, FieldError::Required)),
            ),
            (
                answer(r#"{"errno":1001,"errmsg":{"url":"url need an URL under your options"}}"#),
                Err(PostError::Rejected { status: 200, message: Some("url need an URL under your options".into()) }),
            ),
            (
                answer(r#"{"errno":1000,"errmsg":"Your comment contains forbidden words"}"#),
                Err(PostError::Rejected { status: 200, message: Some("Your comment contains forbidden words".into()) }),
            ),
            (answer(r#"{"errno":0,"errmsg":"","data":{}}"#), Err(PostError::Unreadable { status: 200 })),
            (answer("<html>proxy</html>"), Err(PostError::Unreadable { status: 200 })),
            (HttpResponse::new(200, "", ""), Err(PostError::Unreadable { status: 200 })),
            (
                HttpResponse::new(500, "application/json", r#"{"errno":500,"errmsg":"fetch failed"}"#),
                Err(PostError::Rejected { status: 500, message: Some("fetch failed".into()) }),
            ),
            (HttpResponse::new(502, "text/html", ""), Err(PostError::Rejected { status: 502, message: None })),
        ];
        for (response, want) in cases {
            assert_eq!(Backend::Waline.read_response(&server(), &response), want, "for {response:?}");
        }
    }

    #[test]
    fn the_thread_is_listed_by_page_and_order_and_replies_nest_oldest_first() {
        use crate::backend::thread::{list_request, read_list, Sort};
        let s = server();
        let url = |page, sort| list_request(&s, page, sort, 10).unwrap().url;
        let base = "http://127.0.0.1:8360/api/comment?path=/2026/12/%E4%BD%A0%E5%A5%BD/&page=";
        assert_eq!(url(0, Sort::Oldest), format!("{base}1&pageSize=10&sortBy=insertedAt_asc"));
        assert_eq!(url(1, Sort::Newest), format!("{base}2&pageSize=10&sortBy=insertedAt_desc"));
        assert_eq!(url(0, Sort::Top), format!("{base}1&pageSize=10&sortBy=like_desc"));
        // Captured from 1.39.3: replies at every depth flat under their top
        // comment, a reply to a reply listed before the reply it answers,
        // times cut to the second.
        let body = r#"{"errno":0,"errmsg":"","data":{"page":1,"totalPages":2,"pageSize":10,"count":4,"data":[
            {"status":"approved","comment":"<p>Hello <strong>world</strong></p>\n","link":"https://ada.example","nick":"Ada","pid":null,"rid":null,"like":2,"objectId":1,"avatar":"https://seccdn.libravatar.org/avatar/5bf","time":1796599782000,"children":[
                {"status":"approved","comment":"<p>a reply to reply</p>\n","link":"","nick":"Cy","pid":2,"rid":1,"like":0,"objectId":3,"avatar":"javascript:alert(1)","time":1796599782000,"reply_user":{"nick":"Bea"}},
                {"status":"approved","comment":"<p>a reply</p>\n","link":"javascript:alert(1)","nick":"Bea","pid":1,"rid":1,"like":0,"objectId":2,"avatar":"https://seccdn.libravatar.org/avatar/e1e","time":1796599782000}
            ]},
            {"status":"waiting","comment":"<p>held</p>","nick":"Di","pid":null,"objectId":"9","time":1796599790000,"like":0}
        ]}}"#;
        let page = read_list(&s, &HttpResponse::new(200, "application/json", body), 0, 10).unwrap();
        assert_eq!((page.total, page.more), (Some(4), true));
        let ada = &page.comments[0];
        assert_eq!((ada.id, ada.author.as_str(), ada.website.as_deref()), (1, "Ada", Some("https://ada.example")));
        assert_eq!((ada.created.as_str(), ada.votes.map(|v| v.likes)), ("2026-12-06T23:29:42Z", Some(2)));
        assert_eq!(ada.html, "<p>Hello <strong>world</strong></p>\n");
        assert!(ada.avatar.is_some());
        let bea = &ada.replies[0];
        assert_eq!((ada.replies.len(), bea.id, bea.parent, bea.website.as_deref()), (1, 2, Some(1), None));
        assert_eq!((bea.replies.len(), bea.replies[0].id, bea.replies[0].avatar.as_ref()), (1, 3, None));
        assert!(page.comments[1].held && page.comments[1].id == 9);
        let last = read_list(&s, &HttpResponse::new(200, "application/json", body), 1, 10).unwrap();
        assert!(!last.more);
        // A refusal, an HTML page or another shape is no listing.
        for bad in [r#"{"errno":500,"errmsg":"fetch failed"}"#, "<html>", r#"{"errno":0,"data":[]}"#] {
            assert_eq!(read_list(&s, &HttpResponse::new(200, "application/json", bad), 0, 10), None, "{bad}");
        }
    }

    #[test]
    fn new_comments_are_looked_for_on_the_newest_page_and_likes_are_a_put() {
        use crate::backend::actions::{read_vote, vote_request, Vote, Votes};
        use crate::backend::newer::newer_request;
        use crate::backend::thread::Sort;
        let s = server();
        let newer = newer_request(&s, "2026-12-06T23:29:42Z", Sort::Oldest, 10).unwrap().url;
        assert!(newer.contains("&page=1&pageSize=10&sortBy=insertedAt_desc&after="), "{newer}");
        let like = vote_request(&s, 7, Vote::Like).unwrap();
        assert_eq!(
            (like.method, like.url.as_str(), like.body.as_str()),
            (Method::Put, "http://127.0.0.1:8360/api/comment/7", r#"{"like":true}"#)
        );
        assert!(!like.credentials);
        assert_eq!(vote_request(&s, 7, Vote::Dislike), None, "Waline counts likes only");
        let unlike = crate::backend::actions::unlike_request(&s, 7).unwrap();
        assert_eq!(
            (unlike.method, unlike.url.as_str(), unlike.body.as_str()),
            (Method::Put, like.url.as_str(), r#"{"like":false}"#)
        );
        assert_eq!(crate::backend::actions::unlike_request(&Server::isso("/i"), 7), None, "Isso keeps every vote");
        let liked = answer(r#"{"errno":0,"errmsg":"","data":{"id":7,"like":3,"status":"approved"}}"#);
        assert_eq!(read_vote(Backend::Waline, &liked), Ok(Votes { likes: 3, dislikes: 0 }));
        // A comment that is gone answers an empty `data`.
        assert_eq!(
            read_vote(Backend::Waline, &answer(r#"{"errno":0,"errmsg":"","data":""}"#)),
            Err(crate::outcome::ActionError::Gone)
        );
    }
}
