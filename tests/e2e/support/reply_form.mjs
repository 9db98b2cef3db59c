// The reply form as a reader meets it: found by its labels and roles (which
// Playwright resolves through the widget's open shadow root). Labels are
// matched from their start: "Name *" must not match "Save my name…".
export class ReplyForm {
  /** `page`, and optionally `within`: a locator for one widget's host element. */
  constructor(page, within = page) {
    this.page = page;
    this.heading = within.getByRole("heading", { name: "Leave a Reply" });
    this.comment = within.getByLabel(/^Comment\b/);
    this.name = within.getByLabel(/^Name\b/);
    this.email = within.getByLabel(/^Email\b/);
    this.website = within.getByLabel(/^Website\b/);
    this.remember = within.getByLabel("Save my name, email, and website in this browser for the next time I comment.");
    this.submit = within.getByRole("button", { name: /Post Comment|Posting/ });
    this.status = within.getByRole("status");
    this.summary = within.locator(".cw-summary");
  }

  /** Waits until the live form and thread have taken over (no painted
   * thread left, every comment drawn): a form that answers a comment moves
   * under it when the live thread draws it, and its fields are drawn anew
   * then (what is typed is kept; a fill at that very moment could land in
   * the field that is going). */
  async settled() {
    await this.page.waitForFunction(() => {
      const host = document.querySelector("[data-comment-widget][data-cw-live], comment-widget[data-cw-live]");
      const root = host && host.shadowRoot;
      return root && !root.querySelector("[data-cw-painted-thread]") && !root.querySelector(".cw-thread__list[aria-busy]");
    });
  }

  async fill({ comment, name, email, website }) {
    if (comment !== undefined) await this.comment.fill(comment);
    if (name !== undefined) await this.name.fill(name);
    if (email !== undefined) await this.email.fill(email);
    if (website !== undefined) await this.website.fill(website);
  }

  /** Waits for `expected` (text or RegExp) in the status line; when it does
   * not come, fails saying what the reader saw instead, so that a rare
   * failure explains itself in a CI log. */
  async expectStatus(expected, { timeout } = {}) {
    try {
      await this.status.getByText(expected).waitFor({ timeout });
    } catch (err) {
      const seen = async (locator) => ((await locator.count()) ? (await locator.first().innerText()).trim() : "(none)");
      const live = await this.page.locator("[data-comment-widget][data-cw-live], comment-widget[data-cw-live]").count();
      const lines = [
        `expected in the status line: ${expected}`,
        `status line: ${await seen(this.status)}`,
        `error summary: ${await seen(this.summary)}`,
        `button: ${await seen(this.submit)}`,
        `widget live: ${live > 0}`,
        `POSTs: ${JSON.stringify(this.page.posts ?? "(not recorded)")}`,
        `console: ${JSON.stringify(this.page.problems ?? [])}`,
      ];
      err.message = `${lines.join("\n")}\n${err.message}`;
      throw err;
    }
  }

  /** The element that has focus, seen through the shadow root. */
  async focusedClass() {
    return this.page.evaluate(() => {
      let el = document.activeElement;
      while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
      return el ? el.className : null;
    });
  }
}
