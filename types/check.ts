// Compiled by `tsc` in the test command: the types describe the API as the
// README shows it, and refuse what the widget would refuse.
import type { CommentWidgetAttributes, CommentWidgetHandle, CommentWidgetOptions } from "./index";

const options: CommentWidgetOptions = {
  backend: "wordpress-rest",
  endpoint: "https://blog.example",
  postId: 42,
  fields: { comment: "body", website: null },
  extra: { site: "blog", version: 2 },
  strings: { submit: "Send" },
  theme: "auto",
};

async function example(app: HTMLElement): Promise<void> {
  const handle: CommentWidgetHandle = await window.CommentWidget.mount(app, options);
  handle.replyTo(12, "Ada");
  handle.replyTo(null);
  handle.unmount();
  await window.CommentWidget.mountAll();
  const element = document.createElement("comment-widget");
  const attributes: CommentWidgetAttributes = { backend: "isso", endpoint: "https://comments.example.org" };
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  document.body.append(element);
}

// @ts-expect-error: not a backend the widget knows
const wrong: CommentWidgetOptions = { backend: "disqus", endpoint: "/c" };
// @ts-expect-error: not a string a site can replace
const typo: CommentWidgetOptions = { backend: "isso", endpoint: "/c", strings: { sumbit: "Send" } };

void example;
void wrong;
void typo;
