// Types for comment-widget's JS API (window.CommentWidget) and its
// <comment-widget> element. The loader, dist/comment-widget.js, is a classic
// script: load it with <script src defer>; these types describe what it adds.
import type { GeneratedAttributes, GeneratedOptions } from "./generated";

/** The comments servers the widget posts to (`data-backend`). */
export type Backend = "isso" | "wordpress-rest" | "wordpress-form" | "json" | "form" | "waline";

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

/**
 * `CommentWidget.mount` options: the `data-*` attributes without `data-`, in camelCase. Every
 * attribute, its kind, bounds and default come from the Rust core (src/config/attributes.rs ATTRIBUTES,
 * written into ./generated.d.ts by the build); the JSON ones are typed here.
 */
export interface CommentWidgetOptions extends Omit<GeneratedOptions, "backend" | "fields" | "extra" | "strings"> {
  backend: Backend;
  /** Generic backends: the server's field names; `null` leaves one out. */
  fields?: Partial<Record<FieldKey, string | null>>;
  /** Generic backends: fixed fields sent with every comment. */
  extra?: Record<string, string | number | boolean>;
  strings?: Partial<Record<StringName, string>>;
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

/** The `<comment-widget>` element's attributes (the `data-*` ones without `data-`; JSON ones as text). */
export interface CommentWidgetAttributes extends GeneratedAttributes {}

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
