// NotesGuard local web chat. Every string from the server is set with textContent, never as HTML.
(() => {
  "use strict";

  const transcript = document.getElementById("transcript");
  const form = document.getElementById("composer");
  const input = document.getElementById("message");
  const status = document.getElementById("status");

  // crypto.getRandomValues works on any page; crypto.randomUUID only on secure ones (https or localhost).
  const random = () => Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, "0")).join("");
  const ids = loadIds();
  let busy = false;
  // A turn that failed on the way, kept so that sending the same answer again reuses its id: if the first try did
  // reach NotesGuard, the server answers the second as a duplicate instead of applying it to the next question.
  let unsent = null;

  function loadIds() {
    let stored = null;
    try { stored = JSON.parse(localStorage.getItem("notesguard-webchat") || "null"); } catch { stored = null; }
    if (!stored || !/^[a-f0-9]{24}$/.test(stored.conversationId || "") || !/^[a-f0-9]{24}$/.test(stored.userId || "")) {
      stored = { conversationId: random(), userId: random() };
      try { localStorage.setItem("notesguard-webchat", JSON.stringify(stored)); } catch { /* private mode: ids last for this page */ }
    }
    return stored;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function safeUrl(url) {
    try {
      const parsed = new URL(url);
      return parsed.protocol === "https:" ? parsed.href : null;
    } catch { return null; }
  }

  function link(url, text) {
    const href = safeUrl(url);
    if (!href) return el("span", null, text);
    const a = el("a", null, text);
    a.href = href;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function buttonRow(buttons, className, card) {
    const row = el("div", "buttons" + (className ? " " + className : ""));
    for (const b of buttons || []) {
      const button = el("button", b.style && b.style !== "default" ? b.style : null, b.title);
      button.type = "button";
      button.addEventListener("click", () => send({ value: b.value }, { card, button, label: b.title }));
      row.appendChild(button);
    }
    return row;
  }

  function renderText(reply) {
    const card = el("section", "msg bot text-reply " + (reply.kind === "notice" ? "notice" : ""));
    if (reply.title) card.appendChild(el("h2", null, reply.title));
    card.appendChild(el("p", null, reply.text));
    if (reply.buttons && reply.buttons.length) card.appendChild(buttonRow(reply.buttons, null, card));
    return card;
  }

  // Questions and the review are drawn from the server's card model too: sections in order, words as given.
  function sections(reply) { return (reply.card && reply.card.sections) || []; }

  function renderQuestion(reply) {
    const card = el("section", "msg bot question");
    let question = "";
    for (const s of sections(reply)) {
      const text = s.lines.length ? s.lines[0].text : "";
      if (s.kind === "banner") card.appendChild(el("p", "owner", text));
      else if (s.kind === "progress") card.appendChild(el("p", "meta", text));
      else if (s.kind === "notice") card.appendChild(el("p", "retry", text));
      else if (s.kind === "question") { question = text; card.appendChild(el("h2", null, text)); }
      else if (s.kind === "choices") {
        const choices = buttonRow(s.lines.map(l => l.button), "choices", card);
        choices.setAttribute("role", "group");
        choices.setAttribute("aria-label", question);
        card.appendChild(choices);
      } else if (s.kind === "why") {
        const details = el("details");
        details.appendChild(el("summary", null, s.label));
        details.appendChild(el("p", null, text));
        card.appendChild(details);
      }
    }
    if (reply.navigation && reply.navigation.length) card.appendChild(buttonRow(reply.navigation, "navigation", card));
    return card;
  }

  function renderAnswered(reply) {
    const line = el("section", "msg bot answered");
    for (const s of sections(reply)) {
      const cls = { banner: "owner", answer: "a", answeredBy: "meta" }[s.kind] || null;
      line.appendChild(el("p", cls, s.lines[0].text));
    }
    return line;
  }

  function renderReview(reply) {
    const card = el("section", "msg bot review-card");
    for (const s of sections(reply)) {
      if (s.kind === "banner") card.appendChild(el("p", "owner", s.lines[0].text));
      else if (s.kind === "heading") card.appendChild(el("h2", null, s.lines[0].text));
      else if (s.kind === "answers") {
        const list = el("ul", "review");
        for (const line of s.lines) {
          const li = el("li");
          const text = el("div");
          text.appendChild(el("div", "q", line.text));
          if (line.detail) text.appendChild(el("div", "a", line.detail));
          li.appendChild(text);
          if (line.button) {
            const change = buttonRow([line.button], null, card);
            change.firstChild.setAttribute("aria-label", line.button.title + ": " + line.text);
            li.appendChild(change);
          }
          list.appendChild(li);
        }
        card.appendChild(list);
      }
    }
    card.appendChild(buttonRow(reply.buttons, null, card));
    if (reply.navigation && reply.navigation.length) card.appendChild(buttonRow(reply.navigation, "navigation", card));
    return card;
  }

  // The guidance card as the server's card model lays it out: sections in order, each with its heading and lines.
  // Every word comes from the server; this page only picks the element and the style for each kind of section.
  function lineContent(line, li) {
    if (line.term) li.appendChild(el("strong", null, line.term + ": "));
    if (line.url) li.appendChild(link(line.url, line.text));
    else if (line.phone) {
      const phone = el("a", null, line.text);
      // "+44 (0)20 …": the (0) is not dialled after a country code.
      phone.href = "tel:" + line.text.replace(/^\s*(\+\d{1,3})\s*\(0\)/, "$1").replace(/[^0-9+]/g, "");
      li.appendChild(phone);
    } else li.appendChild(el("span", null, line.text));
    if (line.detail) li.appendChild(el("span", "detail", " " + line.detail));
    return li;
  }

  const sectionRenderers = {
    banner: (s, card) => card.appendChild(el("p", "owner", s.lines[0].text)),
    practice: (s, card) => card.appendChild(el("p", "meta", s.lines[0].text)),
    headline: (s, card) => card.appendChild(el("h2", null, s.lines[0].text)),
    verdict: (s, card) => card.appendChild(el("span", "verdict " + s.tone, s.lines[0].text)),
    steps: (s, card, cls) => {
      card.appendChild(el("h3", cls, s.label));
      const list = el("ol", cls);
      list.start = s.lines[0].number;
      for (const line of s.lines) {
        const li = el("li");
        li.appendChild(el("p", null, line.text));
        list.appendChild(li);
      }
      card.appendChild(list);
    },
    list: (s, card) => {
      card.appendChild(el("h3", null, s.label));
      const list = el("ul");
      for (const line of s.lines) list.appendChild(lineContent(line, el("li")));
      card.appendChild(list);
    },
    sources: (s, card) => {
      const details = el("details");
      details.appendChild(el("summary", null, s.label));
      const list = el("ul", "sources");
      for (const line of s.lines) list.appendChild(lineContent(line, el("li")));
      details.appendChild(list);
      card.appendChild(details);
    },
    footer: (s, card) => s.lines.forEach((line, i) => card.appendChild(el("p", i === 0 ? "disclaimer" : "meta", line.text))),
  };

  function renderGuidance(reply) {
    const card = el("section", "msg bot guidance");
    for (const s of (reply.card && reply.card.sections) || []) {
      if (s.kind === "doNow") sectionRenderers.steps(s, card, "do-now");
      else if (s.kind === "then") sectionRenderers.steps(s, card, "then");
      else if (s.kind === "links" || s.kind === "whoToCall") sectionRenderers.list(s, card);
      else if (sectionRenderers[s.kind]) sectionRenderers[s.kind](s, card);
    }
    card.appendChild(buttonRow(reply.buttons, null, card));
    return card;
  }

  // Documents that fit the card just shown: same-origin download links that expire after a few minutes.
  function download(path, text) {
    if (typeof path !== "string" || !path.startsWith("/letters/")) return el("span", null, text);
    const a = el("a", null, text);
    a.href = path;
    a.download = "";
    a.rel = "noreferrer";
    return a;
  }

  // The documents card, as the server's card model lays it out: a heading, a note, then each document's
  // title, opening lines, downloads and "Read it here" (which asks the server for the whole text).
  function renderDocuments(reply) {
    const card = el("section", "msg bot documents");
    for (const s of sections(reply)) {
      if (s.kind === "heading") card.appendChild(el("h2", null, s.lines[0].text));
      else if (s.kind === "notice") card.appendChild(el("p", "meta", s.lines[0].text));
      else if (s.kind === "document") {
        const item = el("div", "document");
        item.appendChild(el("h3", null, s.label));
        const links = el("p", "downloads");
        const buttons = [];
        for (const line of s.lines) {
          if (line.url) {
            if (links.childNodes.length) links.appendChild(document.createTextNode(" · "));
            links.appendChild(download(line.url, line.text));
          } else if (line.button) buttons.push(line.button);
          else item.appendChild(el("p", "preview", line.text));
        }
        item.appendChild(links);
        if (buttons.length) item.appendChild(buttonRow(buttons, null, card));
        card.appendChild(item);
      }
    }
    return card;
  }

  const renderers = { text: renderText, question: renderQuestion, answered: renderAnswered, review: renderReview, guidance: renderGuidance, documents: renderDocuments };

  function render(reply) {
    const renderer = renderers[reply.type];
    return renderer ? renderer(reply) : null;
  }

  function setBusy(value) {
    busy = value;
    form.querySelector("button").disabled = value;
  }

  function sameAnswer(a, b) { return !!a && !!b && a.text === b.text && a.value === b.value; }

  function forgetIds() {
    // "Forget me": whoever opens this page next on this browser starts afresh with new ids, not in this
    // conversation. This page keeps its ids, so the reply's "Start a new case" still works here.
    try { localStorage.removeItem("notesguard-webchat"); } catch { /* private mode */ }
  }

  async function send(payload, clicked, silent) {
    if (busy) {
      status.textContent = "One moment: still sending your last answer.";
      return;
    }
    setBusy(true);
    status.textContent = "";
    let bubble = null;
    if (silent) { /* the page's own opening turn is not something the user said */ }
    else if (payload.text) bubble = transcript.appendChild(el("section", "msg user", payload.text));
    else if (clicked) bubble = transcript.appendChild(el("section", "msg user", clicked.label));

    const turnId = sameAnswer(unsent && unsent.payload, payload) ? unsent.turnId : random();
    unsent = null;
    const failed = message => {
      status.textContent = message;
      if (bubble) { bubble.classList.add("unsent"); bubble.appendChild(el("span", "detail", " (not sent)")); }
      // Typed text goes back in the box, so nothing typed is lost; sending it again reuses the turn's id.
      if (payload.text && !silent && !input.value) input.value = payload.text;
      unsent = { payload, turnId };
    };

    let body = null;
    try {
      const response = await fetch("chat/turn", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ conversationId: ids.conversationId, userId: ids.userId, turnId, ...payload }),
      });
      if (!response.ok) {
        let message = "Something went wrong (" + response.status + ").";
        try { message = (await response.json()).error || message; } catch { /* keep the status line */ }
        failed(message + (payload.text && !silent ? " Your message is back in the box." : ""));
        return;
      }
      body = await response.json();
    } catch {
      failed("Could not reach NotesGuard. Is it still running?" + (payload.text && !silent ? " Your message is back in the box: press Send to try again." : ""));
      return;
    } finally {
      if (!body) setBusy(false);
    }

    try {
      const replies = body.replies || [];
      // "Forget me" deleted the answers on the server; take them off this screen too (a shared computer).
      if (body.forgotten) { transcript.replaceChildren(); forgetIds(); }
      if (clicked && clicked.card && replies.length && replies[0].type === "answered") {
        for (const b of clicked.card.querySelectorAll("button")) b.disabled = true;
        clicked.button.classList.add("chosen");
        clicked.button.setAttribute("aria-pressed", "true");
      }
      let focusTarget = null;
      for (const reply of replies) {
        const node = render(reply);
        if (!node) continue;
        transcript.appendChild(node);
        // The documents offer follows the card: focus stays on the card's buttons, and Tab reaches the links.
        if (reply.type !== "answered" && reply.type !== "documents") focusTarget = node;
      }
      if (clicked && focusTarget) {
        // After a click, move to the newest message so keyboard users continue from there: its buttons, or, for a
        // guidance card (whose buttons come after the advice), the card itself from its top.
        const first = offersAnswersFirst(focusTarget) ? focusTarget.querySelector("button:not(:disabled)") : null;
        if (first) first.focus();
        else { focusTarget.tabIndex = -1; focusTarget.focus(); }
      }
      (focusTarget || transcript.lastElementChild)?.scrollIntoView({ block: "start" });
    } catch {
      status.textContent = "NotesGuard answered, but this page could not show the answer. Reload the page to see where you are.";
    } finally {
      setBusy(false);
    }

    // The answer had already reached NotesGuard (a retry after a lost reply): show where the walkthrough now stands.
    if (body.duplicate && !silent) send({ text: "continue" }, null, true);
  }

  // A question card offers its answers as buttons; a guidance card's buttons come after the advice.
  function offersAnswersFirst(node) { return !node.classList.contains("guidance"); }

  form.addEventListener("submit", event => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    input.value = "";
    send({ text });
    input.focus();
  });

  // Pick up where this browser left off, or say hello.
  send({ text: "continue" }, null, true);
})();
