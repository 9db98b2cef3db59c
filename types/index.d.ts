// Types for comment-widget's JS API (window.CommentWidget) and its
// <comment-widget> element. The loader, dist/comment-widget.js, is a classic
// script: load it with <script src defer>; these types describe what it adds.

/** The comments servers the widget posts to (`data-backend`). */
export type Backend = "isso" | "wordpress-rest" | "wordpress-form" | "json" | "form";

/** The form's themes (`data-theme`). */
export type Theme = "light" | "dark" | "auto";

/** The form's own fields, as `data-fields` names them. */
export type FieldKey = "comment" | "name" | "email" | "website" | "parent" | "page";

/** The names of the form's strings a site can replace (`data-strings`), as in src/i18n/en.rs. */
export type StringName =
  | "lang" | "dir" | "heading" | "reply_to" | "cancel_reply" | "notes" | "required_mark_label" | "comment" | "name"
  | "email" | "website" | "remember" | "submit" | "sending" | "summary_title" | "error_prefix" | "posted"
  | "posted_held" | "already_received" | "your_comment" | "text_kept" | "retry" | "offline" | "cancel_send"
  | "draft_restored" | "discard_draft" | "honeypot" | "comment_required" | "name_required" | "email_required"
  | "comment_too_short" | "too_long_chars" | "too_long_bytes" | "email_invalid" | "website_invalid" | "server_field"
  | "network" | "timeout" | "rate_limited" | "duplicate" | "comments_closed" | "post_not_found" | "login_required"
  | "rejected_with_text" | "rejected" | "unreadable" | "uncertain" | "send_again" | "keep_draft" | "redirected"
  | "not_sent" | "not_loaded" | "stopped" | "reply" | "thread_loading" | "thread_failed" | "show_more" | "show_earlier"
  | "awaiting_moderation" | "anonymous" | "count_zero" | "count_one" | "count_two" | "count_few" | "count_many" | "count_other"
  | "count_none" | "sort_label" | "sort_oldest" | "sort_newest" | "sort_top"
  | "like_label" | "dislike_label" | "edit" | "delete" | "delete_confirm" | "keep" | "save" | "edit_cancel"
  | "editing_label" | "deleted" | "preview" | "write" | "preview_label" | "preview_empty" | "notify"
  | "act_network" | "act_closed" | "act_gone" | "act_voted" | "act_failed" | "not_configured"
  | "logged_in_as" | "edit_profile" | "log_out" | "session_expired" | "must_log_in" | "log_in" | "closed";

/** `CommentWidget.mount` options: the `data-*` attributes without `data-`, in camelCase. */
export interface CommentWidgetOptions {
  backend: Backend;
  /** `https://…`, `http://…`, or a path on the page's origin such as `/isso`. */
  endpoint: string;
  /** The WordPress post (required for the WordPress backends). */
  postId?: number | string;
  /** The thread's key: Isso's `uri`, the generic `page` field. Defaults to the page's path. */
  page?: string;
  requireNameEmail?: boolean | "true" | "false";
  /** Offer "Save my name, email, and website in this browser…" (default true; WordPress's cookies opt-in). */
  remember?: boolean | "true" | "false";
  /** Seconds to wait for the server, 1 to 300 (default 20). */
  timeout?: number | string;
  /** Generic backends: the server's field names; `null` leaves one out. */
  fields?: Partial<Record<FieldKey, string | null>>;
  /** Generic backends: fixed fields sent with every comment. */
  extra?: Record<string, string | number | boolean>;
  theme?: Theme;
  /** `en`, `de`, `fr`, `es`, `ar` (others fall back to English); default: the page's `<html lang>`. */
  lang?: string;
  strings?: Partial<Record<StringName, string>>;
  replyTo?: number | string;
  replyToName?: string;
  /** Generic backends: send the spam trap under this field name. */
  honeypot?: string;
  /** Show the thread of comments under the form (default: where the server can list it). */
  thread?: boolean | "true" | "false";
  /** Generic backends: where the thread is listed (GET; README, "The generic contract"). */
  listEndpoint?: string;
  /** `"eager"`: load the live form and the thread at once, not when the form comes near the viewport. */
  loading?: "lazy" | "eager";
  /** The thread's order for a reader who has not chosen one (`"top"`: Isso's most liked). */
  sort?: "oldest" | "newest" | "top";
  /** Show avatars in the thread (default true). */
  avatars?: boolean | "true" | "false";
  /** Show ▲/▼ votes where the server counts them (Isso; default true). */
  votes?: boolean | "true" | "false";
  /** The `name` of the page's `<meta>` holding a CSRF token. */
  csrfMeta?: string;
  /** The header the CSRF token goes in (default `X-CSRF-Token`). */
  csrfHeader?: string;
  /** WordPress: the logged-in user's display name; the form then asks only for the comment. */
  loggedInAs?: string;
  /** WordPress, logged in: "Edit your profile" and "Log out?" links. */
  profileUrl?: string;
  logoutUrl?: string;
  /** WordPress, logged in: a `wp_rest` nonce (sent as `X-WP-Nonce`). */
  restNonce?: string;
  /** WordPress, logged in with `unfiltered_html`: the `_wp_unfiltered_html_comment` nonce. */
  htmlNonce?: string;
  /** WordPress, logged in as a user who may edit the post's comments: "Edit" under each, to this address with the comment's id appended. */
  editUrl?: string;
  /** Only logged-in users may comment: anonymous readers get a link to this login page instead of the form. */
  loginUrl?: string;
  /** How many levels replies nest, 1 to 10 (deeper ones show at the last level, without Reply). */
  threadDepth?: number | string;
  /** Comments asked for per page of the thread, 1 to 100 (default 50). */
  perPage?: number | string;
  /** `newest`: an oldest-first thread opens at its newest comments, earlier ones a button away above (WordPress's "last page displayed by default"). */
  firstPage?: "oldest" | "newest";
  /** The post takes no more comments: the thread without the form or Reply, and "Comments are closed.". */
  closed?: boolean | "true" | "false";
}

/** What `CommentWidget.mount` resolves to. */
export interface CommentWidgetHandle {
  readonly element: Element;
  /** Listeners and effects end; the element is empty and can be mounted again. */
  unmount(): void;
  /** "Reply to <name>"; `null` ends the reply. */
  replyTo(id: number | null, name?: string): void;
}

/** `window.CommentWidget`, added by the loader. Every call returns a Promise. */
export interface CommentWidgetApi {
  readonly version: string;
  /** The folder the loader was loaded from. */
  readonly base: string;
  mount(element: Element, options: CommentWidgetOptions): Promise<CommentWidgetHandle>;
  unmount(element: Element): Promise<void>;
  replyTo(element: Element, id: number | null, name?: string): Promise<void>;
  /** Mounts `[data-comment-widget]` elements added since; tries again after a failed load. */
  mountAll(): Promise<void>;
}

/** The `<comment-widget>` element's attributes (the `data-*` ones without `data-`). */
export interface CommentWidgetAttributes {
  backend: Backend;
  endpoint: string;
  "post-id"?: string | number;
  page?: string;
  "require-name-email"?: "true" | "false";
  timeout?: string | number;
  /** JSON, as `data-fields`. */
  fields?: string;
  /** JSON, as `data-extra`. */
  extra?: string;
  theme?: Theme;
  lang?: string;
  /** JSON, as `data-strings`. */
  strings?: string;
  "reply-to"?: string | number;
  "reply-to-name"?: string;
  honeypot?: string;
  "csrf-meta"?: string;
  "csrf-header"?: string;
  thread?: "true" | "false";
  "list-endpoint"?: string;
  loading?: "lazy" | "eager";
  sort?: "oldest" | "newest" | "top";
  avatars?: "true" | "false";
  votes?: "true" | "false";
  "logged-in-as"?: string;
  "profile-url"?: string;
  "logout-url"?: string;
  "rest-nonce"?: string;
  "html-nonce"?: string;
  "login-url"?: string;
  "edit-url"?: string;
  "thread-depth"?: string | number;
  "per-page"?: string | number;
  "first-page"?: "oldest" | "newest";
  closed?: "true" | "false";
  remember?: "true" | "false";
}

/** `<comment-widget>`: mounts when connected, unmounts when removed, remounts when an attribute changes. */
export interface CommentWidgetElement extends HTMLElement {}

declare global {
  interface Window {
    CommentWidget: CommentWidgetApi;
  }
  interface HTMLElementTagNameMap {
    "comment-widget": CommentWidgetElement;
  }
}
